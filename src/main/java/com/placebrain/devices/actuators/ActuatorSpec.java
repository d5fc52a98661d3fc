package com.placebrain.devices.actuators;

import static com.placebrain.devices.platform.errors.ServiceException.invalid;

import com.placebrain.devices.platform.validation.Fields;
import java.util.HashSet;
import java.util.List;

/**
 * What an actuator accepts: its value type, optional range and step, and (ENUM) its options.
 * On the wire 0 means "not set" for min, max and step; here that is null.
 */
public record ActuatorSpec(ActuatorValueType valueType, Double minValue, Double maxValue, Double step,
                           List<String> enumOptions) {

    static final int MAX_OPTIONS = 100;
    static final int OPTION_MAX_LENGTH = 100;

    /** Validates wire values and turns 0 into "not set". */
    public static ActuatorSpec of(ActuatorValueType valueType, double min, double max, double step,
                                  List<String> options) {
        if (valueType == null) {
            throw invalid("value_type", "must be NUMBER, BOOLEAN or ENUM");
        }
        checkRange(min, max, step);
        List<String> enumOptions = List.copyOf(options);
        if (valueType == ActuatorValueType.ENUM) {
            checkOptions(enumOptions);
        } else if (!enumOptions.isEmpty()) {
            throw invalid("enum_options", "are only for ENUM actuators");
        }
        return new ActuatorSpec(valueType, orNull(min), orNull(max), orNull(step),
                valueType == ActuatorValueType.ENUM ? enumOptions : null);
    }

    /** The checks that do not depend on the value type. */
    public static void checkRange(double min, double max, double step) {
        Fields.finite("min_value", min);
        Fields.finite("max_value", max);
        Fields.finite("step", step);
        if (min != 0 && max != 0 && min > max) {
            throw invalid("min_value", "must not be greater than max_value");
        }
        if (step < 0) {
            throw invalid("step", "must not be negative");
        }
    }

    private static void checkOptions(List<String> options) {
        if (options.isEmpty()) {
            throw invalid("enum_options", "an ENUM actuator needs at least one option");
        }
        if (options.size() > MAX_OPTIONS) {
            throw invalid("enum_options", "at most " + MAX_OPTIONS + " options");
        }
        if (new HashSet<>(options).size() != options.size()) {
            throw invalid("enum_options", "must not contain duplicates");
        }
        for (String option : options) {
            if (option.isBlank() || option.length() > OPTION_MAX_LENGTH) {
                throw invalid("enum_options", "each option must be 1 to " + OPTION_MAX_LENGTH + " non-blank characters");
            }
            Fields.text("enum_options", option);
        }
    }

    private static Double orNull(double value) {
        return value == 0 ? null : value;
    }
}

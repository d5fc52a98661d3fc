package com.placebrain.devices.actuators;

import static com.placebrain.devices.platform.errors.ServiceException.invalid;

import com.placebrain.devices.platform.validation.Fields;
import java.util.HashSet;
import java.util.List;

/**
 * What an actuator accepts: its value type, optional range and step, and (ENUM) its options; null
 * (or an empty list) is "not set". The wire cannot tell 0 from "not set" (CONTRACT §1): a step of
 * 0 is no step, and min and max are a pair, both 0 being no range and anything else two bounds, 0
 * included (a 0-100 % valve refuses -5). Rows of the Python service hold 0.0 for every unset number
 * and JSON null options; {@link #stored} reads them, and ours, with the same rule.
 */
public record ActuatorSpec(ActuatorValueType valueType, Double minValue, Double maxValue, Double step,
                           List<String> enumOptions) {

    public ActuatorSpec {
        enumOptions = enumOptions == null ? List.of() : List.copyOf(enumOptions);
    }

    /**
     * Validates wire values. An ENUM actuator may have no options, as the original allowed (the
     * front end sends none when its options field is left empty); it then takes any value.
     */
    public static ActuatorSpec of(ActuatorValueType valueType, double min, double max, double step,
                                  List<String> options) {
        if (valueType == null) {
            throw invalid("value_type", "must be NUMBER, BOOLEAN or ENUM");
        }
        checkRange(min, max, step);
        if (valueType == ActuatorValueType.ENUM) {
            checkOptions(options);
        } else if (!options.isEmpty()) {
            throw invalid("enum_options", "are only for ENUM actuators");
        }
        return stored(valueType, min, max, step, options);
    }

    /**
     * The rule of a row, whichever service wrote it; no validation. In a row null and 0.0 both
     * mean "not set" (the Python service wrote 0.0 on create and NULL on update), so the pair is
     * no range only when neither bound is anything else.
     */
    public static ActuatorSpec stored(ActuatorValueType valueType, Double min, Double max, Double step,
                                      List<String> options) {
        boolean noRange = unset(min) && unset(max);
        return new ActuatorSpec(valueType, noRange ? null : min, noRange ? null : max, unset(step) ? null : step,
                options);
    }

    /** The checks that do not depend on the value type. */
    public static void checkRange(double min, double max, double step) {
        Fields.finite("min_value", min);
        Fields.finite("max_value", max);
        Fields.finite("step", step);
        // With both 0 (no range) this cannot hold; otherwise both are bounds.
        if (min > max) {
            throw invalid("min_value", "must not be greater than max_value");
        }
        if (step < 0) {
            throw invalid("step", "must not be negative");
        }
    }

    /** NULL in the column when there are none. */
    public List<String> storedOptions() {
        return enumOptions.isEmpty() ? null : enumOptions;
    }

    private static void checkOptions(List<String> options) {
        if (new HashSet<>(options).size() != options.size()) {
            throw invalid("enum_options", "must not contain duplicates");
        }
        for (String option : options) {
            if (option.isBlank()) {
                throw invalid("enum_options", "each option must have a non-blank character");
            }
        }
    }

    private static boolean unset(Double value) {
        return value == null || value == 0;
    }
}

package com.placebrain.devices.commands;

import static com.placebrain.devices.platform.errors.ServiceException.invalid;

import com.placebrain.devices.actuators.Actuator;
import com.placebrain.devices.actuators.ActuatorSpec;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whether a SendCommand value suits the actuator (CONTRACT §1). Every failure is
 * INVALID_ARGUMENT naming {@code value}. Pure, so it is tested on its own.
 *
 * <p>Bounds are what the row holds: null is "not set". A 0 written by the Python service is a
 * bound, as it was there (our API never stores 0, it maps 0 on the wire to null).
 */
public final class CommandValue {

    static final double STEP_TOLERANCE = 1e-9;
    /** Far beyond any double's shortest text; longer is not a number we would send on. */
    static final int MAX_NUMBER_LENGTH = 100;
    /**
     * Plain decimal notation with an optional exponent. Stricter than Double.parseDouble, which
     * also takes hex floats, "NaN", "Infinity", "1d", "1f" and surrounding blanks: the device gets
     * the value as given, so only what any number parser reads is let through.
     */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int OPTIONS_IN_MESSAGE = 200;

    private CommandValue() {
    }

    /** The value to send: as given, except a BOOLEAN normalised to {@code true} or {@code false}. */
    public static String check(Actuator actuator, String value) {
        return check(actuator.spec(), value);
    }

    public static String check(ActuatorSpec spec, String value) {
        Objects.requireNonNull(spec.valueType(), "valueType");
        if (value == null || value.isEmpty()) {
            throw invalid("value", "is required");
        }
        return switch (spec.valueType()) {
            case BOOLEAN -> checkBoolean(value);
            case NUMBER -> checkNumber(spec.minValue(), spec.maxValue(), spec.step(), value);
            case ENUM -> checkOption(spec.enumOptions(), value);
        };
    }

    /**
     * {@code true}/{@code false} in any ASCII case. equalsIgnoreCase is not used: it also
     * accepts e.g. "falſe" (long s), which a device comparing lower-case text would not.
     */
    private static String checkBoolean(String value) {
        String lower = asciiLowerCase(value);
        if ("true".equals(lower) || "false".equals(lower)) {
            return lower;
        }
        throw invalid("value", "must be true or false");
    }

    private static String checkNumber(Double min, Double max, Double step, String value) {
        if (value.length() > MAX_NUMBER_LENGTH || !NUMBER.matcher(value).matches()) {
            throw invalid("value", "must be a number");
        }
        double number = Double.parseDouble(value);
        if (!Double.isFinite(number)) {
            throw invalid("value", "must be a finite number");
        }
        if (min != null && number < min) {
            throw invalid("value", "must be at least " + format(min));
        }
        if (max != null && number > max) {
            throw invalid("value", "must be at most " + format(max));
        }
        if (step != null && step > 0) {
            double base = min == null ? 0 : min;
            double steps = (number - base) / step;
            if (!Double.isFinite(steps) || Math.abs(steps - Math.rint(steps)) > STEP_TOLERANCE) {
                throw invalid("value", "must be " + format(base) + " plus a multiple of step " + format(step));
            }
        }
        return value;
    }

    /** An ENUM actuator without options takes any (non-empty) value, as in the original. */
    private static String checkOption(List<String> options, String value) {
        if (options.isEmpty() || options.contains(value)) {
            return value;
        }
        String listed = String.join(", ", options);
        throw invalid("value", listed.length() <= OPTIONS_IN_MESSAGE
                ? "must be one of: " + listed
                : "must be one of the actuator's enum_options");
    }

    /** Null when the text has anything but ASCII, so it cannot equal an ASCII word. */
    private static String asciiLowerCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                return null;
            }
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    private static String format(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15
                ? Long.toString((long) number)
                : Double.toString(number);
    }
}

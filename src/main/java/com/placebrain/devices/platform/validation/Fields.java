package com.placebrain.devices.platform.validation;

import static com.placebrain.devices.platform.errors.ServiceException.invalid;

import java.util.UUID;

/**
 * Checks of single request fields; each failure names the field. Lengths count characters (code
 * points) as PostgreSQL's {@code varchar(n)} does, so what the column would store is accepted and
 * what it would refuse is INVALID_ARGUMENT rather than a failed write. NUL, which no text column
 * can hold, is refused for every string field of every request by RequestText.
 */
public final class Fields {

    public static final int NAME_MAX = 255;
    public static final int KEY_MAX = 100;
    public static final int UNIT_LABEL_MAX = 50;
    /** JavaScript's Number.toFixed, with which the front end shows values, takes 0 to 100 digits. */
    public static final int PRECISION_MAX = 100;

    private Fields() {
    }

    public static UUID uuid(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid(field, "is required");
        }
        return CanonicalUuid.inField(value).orElseThrow(() -> invalid(field, "must be a UUID"));
    }

    /** A device's name: the only label the front end shows for a device, so it must not be blank. */
    public static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "must not be blank");
        }
        return length(field, value, NAME_MAX);
    }

    /** A sensor's or actuator's name: may be empty, the front end then shows the key. */
    public static String optionalName(String field, String value) {
        return length(field, value == null ? "" : value, NAME_MAX);
    }

    /**
     * A sensor or actuator key: free text of 1 to 100 characters (CONTRACT §1), blanks included,
     * without control characters (C0, DEL, C1): a key travels in MQTT payloads, readings and log
     * lines, where such a character is invisible or breaks the line.
     */
    public static String key(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid(field, "is required");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw invalid(field, "must not contain control characters");
        }
        return length(field, value, KEY_MAX);
    }

    public static String unitLabel(String field, String value) {
        return length(field, value == null ? "" : value, UNIT_LABEL_MAX);
    }

    /** At most {@code max} characters, counted as PostgreSQL counts them. */
    public static String length(String field, String value, int max) {
        if (value.length() > max && value.codePointCount(0, value.length()) > max) {
            throw invalid(field, "must be at most " + max + " characters");
        }
        return value;
    }

    public static int precision(String field, int value) {
        if (value < 0 || value > PRECISION_MAX) {
            throw invalid(field, "must be between 0 and " + PRECISION_MAX);
        }
        return value;
    }

    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw invalid(field, "must be a finite number");
        }
        return value;
    }
}

package com.placebrain.devices.platform.validation;

import static com.placebrain.devices.platform.errors.ServiceException.invalid;

import java.util.UUID;
import java.util.regex.Pattern;

/** Checks of single request fields; each failure names the field. */
public final class Fields {

    public static final int NAME_MAX = 255;
    public static final int KEY_MAX = 100;
    public static final int UNIT_LABEL_MAX = 50;
    public static final int PRECISION_MAX = 10;

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    private Fields() {
    }

    public static UUID uuid(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid(field, "is required");
        }
        if (!CANONICAL_UUID.matcher(value).matches()) {
            throw invalid(field, "must be a UUID");
        }
        return UUID.fromString(value);
    }

    public static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "must not be blank");
        }
        if (value.length() > NAME_MAX) {
            throw invalid(field, "must be at most " + NAME_MAX + " characters");
        }
        return text(field, value);
    }

    /** Free text to be stored: PostgreSQL text cannot hold NUL and would fail the write. */
    public static String text(String field, String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw invalid(field, "must not contain the NUL character");
        }
        return value;
    }

    public static String key(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid(field, "is required");
        }
        if (value.length() > KEY_MAX) {
            throw invalid(field, "must be at most " + KEY_MAX + " characters");
        }
        if (!KEY.matcher(value).matches()) {
            throw invalid(field, "may only contain letters, digits, '_', '.' and '-'");
        }
        return value;
    }

    public static String unitLabel(String field, String value) {
        String label = value == null ? "" : value;
        if (label.length() > UNIT_LABEL_MAX) {
            throw invalid(field, "must be at most " + UNIT_LABEL_MAX + " characters");
        }
        return text(field, label);
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

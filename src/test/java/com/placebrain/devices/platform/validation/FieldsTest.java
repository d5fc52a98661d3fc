package com.placebrain.devices.platform.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.placebrain.devices.platform.errors.ServiceException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldsTest {

    /** U+1F600: one character for PostgreSQL, two UTF-16 units for Java's String.length(). */
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void otherControlAndNonAsciiCharactersStayAllowedInNames() {
        assertEquals("hall\tsensor \u00e9\u2603", Fields.name("name", "hall\tsensor \u00e9\u2603"));
        assertEquals("\u00b0C", Fields.unitLabel("unit_label", "\u00b0C"));
        assertEquals("", Fields.unitLabel("unit_label", null));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"temp 1", "pm2.5", "temp/1", "temp#1", "*", "t\u00e9mp", "\u6e29\u5ea6", " lead",
            "trail ", "   ", "\u00a0", "\u200b", "\uD83D\uDE00"})
    void aKeyIsFreeText(String key) {
        assertEquals(key, Fields.key("key", key));
    }

    @ParameterizedTest(name = "[{index}] U+{0}")
    @ValueSource(ints = {0x00, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f})
    void aKeyWithAControlCharacterIsInvalid(int control) {
        String key = "temp" + Character.toString(control) + "1";
        assertInvalid("key: must not contain control characters", () -> Fields.key("key", key));
    }

    @Test
    void aKeyIsRequired() {
        assertInvalid("key: is required", () -> Fields.key("key", ""));
        assertInvalid("key: is required", () -> Fields.key("key", null));
    }

    @Test
    void lengthsCountCharactersAsPostgresqlDoes() {
        assertEquals(EMOJI.repeat(100), Fields.key("key", EMOJI.repeat(100)), "200 UTF-16 units, 100 characters");
        assertInvalid("key: must be at most 100 characters", () -> Fields.key("key", EMOJI.repeat(101)));
        assertInvalid("key: must be at most 100 characters", () -> Fields.key("key", "k".repeat(101)));
        assertEquals(EMOJI.repeat(255), Fields.name("name", EMOJI.repeat(255)));
        assertInvalid("name: must be at most 255 characters", () -> Fields.name("name", EMOJI.repeat(256)));
        assertEquals(EMOJI.repeat(255), Fields.optionalName("name", EMOJI.repeat(255)));
        assertInvalid("name: must be at most 255 characters", () -> Fields.optionalName("name", "n".repeat(256)));
        assertEquals(EMOJI.repeat(50), Fields.unitLabel("unit_label", EMOJI.repeat(50)));
        assertInvalid("unit_label: must be at most 50 characters",
                () -> Fields.unitLabel("unit_label", EMOJI.repeat(51)));
    }

    @Test
    void aDeviceNameMustNotBeBlankButASensorOrActuatorNameMay() {
        assertInvalid("name: must not be blank", () -> Fields.name("name", ""));
        assertInvalid("name: must not be blank", () -> Fields.name("name", " \t"));
        assertEquals("", Fields.optionalName("name", ""));
        assertEquals("  ", Fields.optionalName("name", "  "));
        assertEquals("", Fields.optionalName("name", null));
    }

    @Test
    void precisionIsWhatJavaScriptsToFixedTakes() {
        assertEquals(0, Fields.precision("precision", 0));
        assertEquals(100, Fields.precision("precision", 100));
        assertInvalid("precision: must be between 0 and 100", () -> Fields.precision("precision", -1));
        assertInvalid("precision: must be between 0 and 100", () -> Fields.precision("precision", 101));
    }

    private static void assertInvalid(String message, Runnable check) {
        ServiceException rejected = assertThrows(ServiceException.class, check::run);
        assertEquals(ServiceException.Kind.INVALID_ARGUMENT, rejected.kind());
        assertEquals(message, rejected.getMessage());
    }
}

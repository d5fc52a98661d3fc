package com.placebrain.devices.platform.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.placebrain.devices.platform.errors.ServiceException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldsTest {

    static Stream<Arguments> textsWithNul() {
        Function<String, String> name = value -> Fields.name("name", value);
        Function<String, String> unitLabel = value -> Fields.unitLabel("unit_label", value);
        Function<String, String> text = value -> Fields.text("enum_options", value);
        return Stream.of(
                Arguments.of("name", name, "hall\u0000sensor"),
                Arguments.of("name", name, "\u0000"),
                Arguments.of("name", name, "hall sensor\u0000"),
                Arguments.of("unit_label", unitLabel, "\u00b0C\u0000"),
                Arguments.of("unit_label", unitLabel, "\u0000"),
                Arguments.of("enum_options", text, "day\u0000"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("textsWithNul")
    void aNulIsInvalidNamingTheField(String field, Function<String, String> check, String value) {
        ServiceException rejected = assertThrows(ServiceException.class, () -> check.apply(value));

        assertEquals(ServiceException.Kind.INVALID_ARGUMENT, rejected.kind());
        assertEquals(field + ": must not contain the NUL character", rejected.getMessage());
    }

    @Test
    void otherControlAndNonAsciiCharactersStayAllowed() {
        assertEquals("hall\tsensor \u00e9\u2603", Fields.name("name", "hall\tsensor \u00e9\u2603"));
        assertEquals("\u00b0C", Fields.unitLabel("unit_label", "\u00b0C"));
        assertEquals("", Fields.unitLabel("unit_label", null));
        assertEquals("night mode", Fields.text("enum_options", "night mode"));
    }
}

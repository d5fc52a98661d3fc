package com.placebrain.devices.actuators;

import static com.placebrain.devices.actuators.ActuatorValueType.BOOLEAN;
import static com.placebrain.devices.actuators.ActuatorValueType.ENUM;
import static com.placebrain.devices.actuators.ActuatorValueType.NUMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.placebrain.devices.platform.errors.ServiceException;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Actuator numbers and options (CONTRACT §1): from the wire, and from rows of either service. */
class ActuatorSpecTest {

    @Test
    void enumOptionsWithoutNulAreKept() {
        assertEquals(List.of("day", "night"), ActuatorSpec.of(ENUM, 0, 0, 0, List.of("day", "night")).enumOptions());
    }

    @Test
    void minAndMaxAreAPairBothZeroMeaningNoRange() {
        assertEquals(new ActuatorSpec(NUMBER, null, null, null, null), ActuatorSpec.of(NUMBER, 0, 0, 0, List.of()));
        assertEquals(new ActuatorSpec(NUMBER, 0.0, 100.0, null, null), ActuatorSpec.of(NUMBER, 0, 100, 0, List.of()),
                "a 0-100 % valve: 0 is a bound");
        assertEquals(new ActuatorSpec(NUMBER, -10.0, 0.0, 0.5, null), ActuatorSpec.of(NUMBER, -10, 0, 0.5, List.of()),
                "-10 to 0: 0 is a bound");
        assertEquals(new ActuatorSpec(NUMBER, 5.0, 5.0, null, null), ActuatorSpec.of(NUMBER, 5, 5, 0, List.of()));
    }

    @Test
    void aRangeWhoseMinIsAboveItsMaxIsInvalid() {
        assertInvalid("min_value: must not be greater than max_value", () -> ActuatorSpec.of(NUMBER, 10, 5, 0, List.of()));
        assertInvalid("min_value: must not be greater than max_value", () -> ActuatorSpec.of(NUMBER, 5, 0, 0, List.of()),
                "max 0 with a min set is the bound 0");
        assertInvalid("min_value: must not be greater than max_value", () -> ActuatorSpec.of(NUMBER, 0, -5, 0, List.of()));
    }

    @Test
    void aNegativeStepIsInvalid() {
        assertInvalid("step: must not be negative", () -> ActuatorSpec.of(NUMBER, 0, 0, -1, List.of()));
    }

    @Test
    void anEnumActuatorMayHaveNoOptions() {
        ActuatorSpec spec = ActuatorSpec.of(ENUM, 0, 0, 0, List.of());
        assertEquals(List.of(), spec.enumOptions());
        assertNull(spec.storedOptions(), "stored as NULL");
    }

    @Test
    void enumOptionsHaveNoCountOrLengthLimit() {
        List<String> many = IntStream.range(0, 1000).mapToObj(i -> "option " + i).toList();
        assertEquals(many, ActuatorSpec.of(ENUM, 0, 0, 0, many).enumOptions());
        List<String> long1 = List.of("o".repeat(1000));
        assertEquals(long1, ActuatorSpec.of(ENUM, 0, 0, 0, long1).enumOptions());
    }

    @Test
    void duplicateOrBlankOptionsAndOptionsOfOtherTypesAreInvalid() {
        assertInvalid("enum_options: must not contain duplicates",
                () -> ActuatorSpec.of(ENUM, 0, 0, 0, List.of("low", "high", "low")));
        assertInvalid("enum_options: each option must have a non-blank character",
                () -> ActuatorSpec.of(ENUM, 0, 0, 0, List.of("low", " ")));
        assertInvalid("enum_options: each option must have a non-blank character",
                () -> ActuatorSpec.of(ENUM, 0, 0, 0, List.of("")));
        assertInvalid("enum_options: are only for ENUM actuators", () -> ActuatorSpec.of(NUMBER, 0, 0, 0, List.of("a")));
        assertInvalid("enum_options: are only for ENUM actuators", () -> ActuatorSpec.of(BOOLEAN, 0, 0, 0, List.of("a")));
    }

    @Test
    void rowsOfThePythonServiceAreReadByTheSameRule() {
        assertEquals(new ActuatorSpec(NUMBER, null, null, null, null),
                ActuatorSpec.stored(NUMBER, 0.0, 0.0, 0.0, null), "'pump': 0.0/0.0/0.0 after a create, JSON null");
        assertEquals(new ActuatorSpec(NUMBER, 0.0, 100.0, null, null),
                ActuatorSpec.stored(NUMBER, 0.0, 100.0, 0.0, null), "'dimmer': 0.0/100.0/0.0");
        assertEquals(new ActuatorSpec(ENUM, null, null, null, List.of()),
                ActuatorSpec.stored(ENUM, 0.0, 0.0, 0.0, null), "'mode': ENUM with JSON null options");
        assertEquals(new ActuatorSpec(NUMBER, null, 100.0, 5.0, null),
                ActuatorSpec.stored(NUMBER, null, 100.0, 5.0, null), "NULL after an update: no lower bound");
        assertEquals(new ActuatorSpec(NUMBER, null, null, null, null),
                ActuatorSpec.stored(NUMBER, null, null, null, Collections.emptyList()));
    }

    @Test
    void whatIsStoredReadsBackTheSame() {
        for (ActuatorSpec spec : List.of(ActuatorSpec.of(NUMBER, 0, 100, 5, List.of()),
                ActuatorSpec.of(NUMBER, 0, 0, 0, List.of()), ActuatorSpec.of(NUMBER, -3, 0, 0, List.of()),
                ActuatorSpec.of(ENUM, 0, 0, 0, List.of("a", "b")), ActuatorSpec.of(ENUM, 0, 0, 0, List.of()))) {
            assertEquals(spec, ActuatorSpec.stored(spec.valueType(), spec.minValue(), spec.maxValue(), spec.step(),
                    spec.storedOptions()), spec.toString());
        }
    }

    private static void assertInvalid(String message, Runnable check) {
        assertInvalid(message, check, message);
    }

    private static void assertInvalid(String message, Runnable check, String what) {
        ServiceException rejected = assertThrows(ServiceException.class, check::run, what);
        assertEquals(ServiceException.Kind.INVALID_ARGUMENT, rejected.kind(), what);
        assertEquals(message, rejected.getMessage(), what);
    }
}

package com.placebrain.devices.commands;

import static com.placebrain.devices.actuators.ActuatorValueType.BOOLEAN;
import static com.placebrain.devices.actuators.ActuatorValueType.ENUM;
import static com.placebrain.devices.actuators.ActuatorValueType.NUMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.actuators.Actuator;
import com.placebrain.devices.actuators.ActuatorSpec;
import com.placebrain.devices.actuators.ActuatorValueType;
import com.placebrain.devices.platform.errors.ServiceException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SendCommand value rules (CONTRACT §1), one row per case. */
class CommandValueTest {

    /** An actuator's rules: type, min, max, step (null = not set), enum options. */
    private record Spec(ActuatorValueType type, Double min, Double max, Double step, List<String> options) {
        ActuatorSpec actuator() {
            return new ActuatorSpec(type, min, max, step, options);
        }

        @Override
        public String toString() {
            return type + (min == null ? "" : " min " + min) + (max == null ? "" : " max " + max)
                    + (step == null ? "" : " step " + step) + (options.isEmpty() ? "" : " " + options);
        }
    }

    private static final Spec BOOL = new Spec(BOOLEAN, null, null, null, List.of());
    private static final Spec ANY_NUMBER = new Spec(NUMBER, null, null, null, List.of());
    private static final Spec PERCENT_BY_5 = new Spec(NUMBER, 0.0, 100.0, 5.0, List.of());
    private static final Spec FROM_1_BY_TENTH = new Spec(NUMBER, 1.0, null, 0.1, List.of());
    private static final Spec BY_QUARTER_NO_MIN = new Spec(NUMBER, null, 10.0, 0.25, List.of());
    private static final Spec NEGATIVE_RANGE = new Spec(NUMBER, -10.5, -0.5, 0.5, List.of());
    private static final Spec STEP_ZERO = new Spec(NUMBER, null, null, 0.0, List.of());
    private static final Spec TINY_STEP = new Spec(NUMBER, 0.1, null, 0.2, List.of());
    private static final Spec SCENE = new Spec(ENUM, null, null, null, List.of("off", "day", "night", "Night mode"));

    /** Valid: the value and what is sent for it. */
    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(BOOL, "true", "true"),
                Arguments.of(BOOL, "false", "false"),
                Arguments.of(BOOL, "TRUE", "true"),
                Arguments.of(BOOL, "False", "false"),
                Arguments.of(BOOL, "tRuE", "true"),
                Arguments.of(ANY_NUMBER, "0", "0"),
                Arguments.of(ANY_NUMBER, "-3.75", "-3.75"),
                Arguments.of(ANY_NUMBER, "+2", "+2"),
                Arguments.of(ANY_NUMBER, "1e3", "1e3"),
                Arguments.of(ANY_NUMBER, "1.5E-7", "1.5E-7"),
                Arguments.of(ANY_NUMBER, ".5", ".5"),
                Arguments.of(ANY_NUMBER, "5.", "5."),
                Arguments.of(ANY_NUMBER, "1e-400", "1e-400"),
                Arguments.of(ANY_NUMBER, "123456789012345678901234567890", "123456789012345678901234567890"),
                Arguments.of(PERCENT_BY_5, "0", "0"),
                Arguments.of(PERCENT_BY_5, "100", "100"),
                Arguments.of(PERCENT_BY_5, "45", "45"),
                Arguments.of(PERCENT_BY_5, "45.0", "45.0"),
                Arguments.of(PERCENT_BY_5, "4.5e1", "4.5e1"),
                Arguments.of(FROM_1_BY_TENTH, "1", "1"),
                Arguments.of(FROM_1_BY_TENTH, "1.3", "1.3"),
                Arguments.of(FROM_1_BY_TENTH, "1.7", "1.7"),
                Arguments.of(FROM_1_BY_TENTH, "1000000.1", "1000000.1"),
                Arguments.of(BY_QUARTER_NO_MIN, "-0.75", "-0.75"),
                Arguments.of(BY_QUARTER_NO_MIN, "10", "10"),
                Arguments.of(BY_QUARTER_NO_MIN, "2.25", "2.25"),
                Arguments.of(NEGATIVE_RANGE, "-10.5", "-10.5"),
                Arguments.of(NEGATIVE_RANGE, "-0.5", "-0.5"),
                Arguments.of(NEGATIVE_RANGE, "-3", "-3"),
                Arguments.of(STEP_ZERO, "0.123456", "0.123456"),
                Arguments.of(TINY_STEP, "0.7", "0.7"),
                Arguments.of(TINY_STEP, "0.3", "0.3"),
                Arguments.of(SCENE, "off", "off"),
                Arguments.of(SCENE, "night", "night"),
                Arguments.of(SCENE, "Night mode", "Night mode"));
    }

    /** Invalid: the value and a word the message must contain. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(BOOL, null, "required"),
                Arguments.of(BOOL, "", "required"),
                Arguments.of(BOOL, "yes", "true or false"),
                Arguments.of(BOOL, "1", "true or false"),
                Arguments.of(BOOL, " true", "true or false"),
                Arguments.of(BOOL, "true ", "true or false"),
                Arguments.of(BOOL, "falſe", "true or false"),
                Arguments.of(BOOL, "truE\u0000", "true or false"),
                Arguments.of(ANY_NUMBER, "abc", "number"),
                Arguments.of(ANY_NUMBER, "NaN", "number"),
                Arguments.of(ANY_NUMBER, "Infinity", "number"),
                Arguments.of(ANY_NUMBER, "-Infinity", "number"),
                Arguments.of(ANY_NUMBER, "1e400", "finite"),
                Arguments.of(ANY_NUMBER, "-1e400", "finite"),
                Arguments.of(ANY_NUMBER, "0x1p3", "number"),
                Arguments.of(ANY_NUMBER, "1d", "number"),
                Arguments.of(ANY_NUMBER, "1f", "number"),
                Arguments.of(ANY_NUMBER, " 1", "number"),
                Arguments.of(ANY_NUMBER, "1 ", "number"),
                Arguments.of(ANY_NUMBER, "1,5", "number"),
                Arguments.of(ANY_NUMBER, "1_000", "number"),
                Arguments.of(ANY_NUMBER, ".", "number"),
                Arguments.of(ANY_NUMBER, "-", "number"),
                Arguments.of(ANY_NUMBER, "e5", "number"),
                Arguments.of(ANY_NUMBER, "1e", "number"),
                Arguments.of(ANY_NUMBER, "١٢", "number"),
                Arguments.of(ANY_NUMBER, "1".repeat(101), "number"),
                Arguments.of(PERCENT_BY_5, "-5", "at least 0"),
                Arguments.of(PERCENT_BY_5, "105", "at most 100"),
                Arguments.of(PERCENT_BY_5, "100.0000001", "at most 100"),
                Arguments.of(PERCENT_BY_5, "42", "multiple of step 5"),
                Arguments.of(PERCENT_BY_5, "45.000001", "multiple of step 5"),
                Arguments.of(FROM_1_BY_TENTH, "0.9", "at least 1"),
                Arguments.of(FROM_1_BY_TENTH, "1.35", "1 plus a multiple of step 0.1"),
                Arguments.of(BY_QUARTER_NO_MIN, "0.1", "0 plus a multiple of step 0.25"),
                Arguments.of(BY_QUARTER_NO_MIN, "10.25", "at most 10"),
                Arguments.of(NEGATIVE_RANGE, "0", "at most -0.5"),
                Arguments.of(NEGATIVE_RANGE, "-11", "at least -10.5"),
                Arguments.of(NEGATIVE_RANGE, "-3.25", "multiple of step 0.5"),
                Arguments.of(TINY_STEP, "0.2", "multiple of step 0.2"),
                Arguments.of(SCENE, "OFF", "one of: off, day, night, Night mode"),
                Arguments.of(SCENE, "off ", "one of"),
                Arguments.of(SCENE, "night mode", "one of"),
                Arguments.of(SCENE, "", "required"));
    }

    @ParameterizedTest(name = "{0}: \"{1}\" sends \"{2}\"")
    @MethodSource("accepted")
    void accepts(Spec spec, String value, String sent) {
        assertEquals(sent, CommandValue.check(spec.actuator(), value));
    }

    @ParameterizedTest(name = "{0}: \"{1}\" is refused ({2})")
    @MethodSource("refused")
    void refuses(Spec spec, String value, String reason) {
        ServiceException e = assertThrows(ServiceException.class,
                () -> CommandValue.check(spec.actuator(), value));
        assertEquals(ServiceException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().startsWith("value: "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void readsTheRulesOfAnActuator() {
        Actuator valve = new Actuator(UUID.randomUUID(), UUID.randomUUID(), "valve", "Mixing valve", "%", 0,
                ActuatorSpec.of(NUMBER, 0, 100, 5, List.of()));
        assertEquals("55", CommandValue.check(valve, "55"));
        assertThrows(ServiceException.class, () -> CommandValue.check(valve, "-5"),
                "min 0 with max 100 is a bound, as the gateway sends it for a 0-100 % valve");
        Actuator scene = new Actuator(UUID.randomUUID(), UUID.randomUUID(), "scene", "Scene", "", 0,
                ActuatorSpec.of(ENUM, 0, 0, 0, List.of("off", "day")));
        assertEquals("day", CommandValue.check(scene, "day"));
    }

    /** Rows as the Python service writes them: 0.0 for every unset number, JSON null options. */
    static Stream<Arguments> pythonRows() {
        ActuatorSpec pump = ActuatorSpec.stored(NUMBER, 0.0, 0.0, 0.0, null);
        ActuatorSpec dimmer = ActuatorSpec.stored(NUMBER, 0.0, 100.0, 0.0, null);
        ActuatorSpec mode = ActuatorSpec.stored(ENUM, 0.0, 0.0, 0.0, null);
        return Stream.of(
                Arguments.of("pump", pump, "-5", null),
                Arguments.of("pump", pump, "1e6", null),
                Arguments.of("pump", pump, "0.123", null),
                Arguments.of("dimmer", dimmer, "0", null),
                Arguments.of("dimmer", dimmer, "100", null),
                Arguments.of("dimmer", dimmer, "37.5", null),
                Arguments.of("dimmer", dimmer, "-5", "at least 0"),
                Arguments.of("dimmer", dimmer, "101", "at most 100"),
                Arguments.of("mode", mode, "anything", null),
                Arguments.of("mode", mode, "Night mode", null),
                Arguments.of("mode", mode, "", "required"));
    }

    @ParameterizedTest(name = "{0}: \"{2}\"")
    @MethodSource("pythonRows")
    void readsRowsOfThePythonServiceByTheContractsRule(String actuator, ActuatorSpec spec, String value,
                                                       String refusal) {
        if (refusal == null) {
            assertEquals(value, CommandValue.check(spec, value));
        } else {
            ServiceException e = assertThrows(ServiceException.class, () -> CommandValue.check(spec, value));
            assertTrue(e.getMessage().contains(refusal), e.getMessage());
        }
    }

    @Test
    void aLongOptionListIsNotRepeatedInTheMessage() {
        List<String> many = Stream.iterate(0, i -> i + 1).limit(50).map(i -> "option-number-" + i).toList();
        ServiceException e = assertThrows(ServiceException.class,
                () -> CommandValue.check(new ActuatorSpec(ENUM, null, null, null, many), "nope"));
        assertEquals("value: must be one of the actuator's enum_options", e.getMessage());
    }
}

package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.mqttaccess.TestWorld.State;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class MqttIdentityTest {

    /** Columns: username | state | the identity's canonical username, for OURS. */
    @ParameterizedTest(name = "[{index}] {0} is {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            device:{D1}                 | OURS      | device:{D1}
            device:{D1^}                | OURS      | device:{D1}
            user:{U1}                   | OURS      | user:{U1}
            user:{U1^}                  | OURS      | user:{U1}
            collector                   | OURS      | collector
            device:                     | MALFORMED | -
            device                      | MALFORMED | -
            device:abc                  | MALFORMED | -
            device:{D1~}                | MALFORMED | -
            device:{D1}x                | MALFORMED | -
            device:{D1}:x               | MALFORMED | -
            'device: {D1}'              | MALFORMED | -
            device:1-2-3-4-5            | MALFORMED | -
            device:dddddddd00014000800000000000000d1 | MALFORMED | -
            device:{{D1}}               | MALFORMED | -
            user:                       | MALFORMED | -
            user                        | MALFORMED | -
            user:not-a-uuid             | MALFORMED | -
            user:{U1~}                  | MALFORMED | -
            collector:                  | MALFORMED | -
            collector:{D1}              | MALFORMED | -
            admin                       | FOREIGN   | -
            dashboard                   | FOREIGN   | -
            DEVICE:{D1}                 | FOREIGN   | -
            Device:{D1}                 | FOREIGN   | -
            Collector                   | FOREIGN   | -
            collectors                  | FOREIGN   | -
            devices:{D1}                | FOREIGN   | -
            ' device:{D1}'              | FOREIGN   | -
            :{D1}                       | FOREIGN   | -
            """)
    void classifiesUsernames(String username, State state, String canonical) {
        ParsedUsername parsed = ParsedUsername.of(TestWorld.expand(username));

        assertEquals(state, TestWorld.stateOf(parsed));
        assertEquals(Optional.ofNullable(TestWorld.expand(canonical)), TestWorld.ours(parsed).map(MqttIdentity::username));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingUsernameIsForeign(String username) {
        assertEquals(State.FOREIGN, TestWorld.stateOf(ParsedUsername.of(username)));
        assertTrue(TestWorld.ours(ParsedUsername.of(username)).isEmpty());
    }

    @Test
    void parsesIntoTheRightRecord() {
        assertEquals(Optional.of(new MqttIdentity.Device(TestWorld.D1)), TestWorld.ours(ParsedUsername.of("device:" + TestWorld.D1)));
        assertEquals(Optional.of(new MqttIdentity.User(TestWorld.U1)), TestWorld.ours(ParsedUsername.of("user:" + TestWorld.U1)));
        assertEquals(Optional.of(new MqttIdentity.Collector()), TestWorld.ours(ParsedUsername.of("collector")));
    }

    @Test
    void malformedCarriesAReasonWithoutTheUsername() {
        ParsedUsername parsed = ParsedUsername.of("device:secret-looking-thing");

        ParsedUsername.Malformed malformed = (ParsedUsername.Malformed) parsed;
        assertTrue(!malformed.reason().contains("secret"), malformed.reason());
    }

    @Test
    void digitOnlyIdIsBothCasesAtOnce() {
        UUID id = UUID.fromString("12345678-1234-1234-1234-123456789012");
        assertEquals(Optional.of(new MqttIdentity.Device(id)), TestWorld.ours(ParsedUsername.of("device:" + id)));
    }

    /** Columns: username | the configured service login (- for none) | state | canonical username, for OURS. */
    @ParameterizedTest(name = "[{index}] {0} with service login {1} is {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            devices-service  | devices-service | OURS      | devices-service
            devices-service  | -               | FOREIGN   | -
            devices-service  | other-service   | FOREIGN   | -
            Devices-Service  | devices-service | FOREIGN   | -
            'devices-service ' | devices-service | FOREIGN | -
            collector        | devices-service | OURS      | collector
            device:{D1}      | devices-service | OURS      | device:{D1}
            device:abc       | devices-service | MALFORMED | -
            admin            | devices-service | FOREIGN   | -
            """)
    void recognisesTheServiceLoginExactly(String username, String service, State state, String canonical) {
        ParsedUsername parsed = ParsedUsername.of(TestWorld.expand(username),
                Optional.ofNullable(service).map(MqttIdentity.Service::new));

        assertEquals(state, TestWorld.stateOf(parsed));
        assertEquals(Optional.ofNullable(TestWorld.expand(canonical)), TestWorld.ours(parsed).map(MqttIdentity::username));
    }

    @Test
    void theServiceLoginParsesIntoItsRecord() {
        MqttIdentity.Service service = new MqttIdentity.Service("devices-service");
        assertEquals(Optional.of(service), TestWorld.ours(ParsedUsername.of("devices-service", Optional.of(service))));
        assertEquals(Optional.empty(), TestWorld.ours(ParsedUsername.of(null, Optional.of(service))));
    }
}

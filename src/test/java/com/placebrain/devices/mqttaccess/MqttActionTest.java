package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttActionTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" is {1}")
    @CsvSource(nullValues = "-", textBlock = """
            publish,   PUBLISH
            PUBLISH,   PUBLISH
            Publish,   PUBLISH
            subscribe, SUBSCRIBE
            SUBSCRIBE, SUBSCRIBE
            sUbScRiBe, SUBSCRIBE
            all,       -
            pub,       -
            sub,       -
            '',        -
            ' publish',-
            -,         -
            """)
    void parsesTheWireName(String wire, MqttAction expected) {
        assertEquals(Optional.ofNullable(expected), MqttAction.parse(wire));
    }

    @ParameterizedTest
    @CsvSource({"PUBLISH, publish", "SUBSCRIBE, subscribe"})
    void writesTheWireName(MqttAction action, String wire) {
        assertEquals(wire, action.wireName());
    }
}

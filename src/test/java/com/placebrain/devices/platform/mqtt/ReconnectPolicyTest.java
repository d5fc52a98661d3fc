package com.placebrain.devices.platform.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private static final MqttException UNREACHABLE = new MqttException(MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR);
    private static final MqttException TIMED_OUT = new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
    private static final MqttException BAD_PASSWORD = new MqttException(0x86);
    private static final MqttException BUSY = new MqttException(0x89);

    @Test
    void aBrokerThatDoesNotAnswerIsTriedEveryHalfSecondForever() {
        ReconnectPolicy policy = new ReconnectPolicy();
        for (int i = 0; i < 1_000; i++) {
            assertEquals(500, policy.afterFailure(i % 2 == 0 ? UNREACHABLE : TIMED_OUT));
        }
        assertEquals(500, policy.afterFailure(new IOException("Connection refused")));
    }

    @Test
    void aBrokerThatRefusesIsTriedLessAndLessOftenUpToAMinute() {
        ReconnectPolicy policy = new ReconnectPolicy();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            delays.add(policy.afterFailure(i % 2 == 0 ? BAD_PASSWORD : BUSY));
        }
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L), delays);
        assertEquals(500, policy.afterFailure(UNREACHABLE), "the broker gone: watch for its return");
    }

    @Test
    void theEndOfALongSessionIsAnOutageRetriedAtOnce() {
        ReconnectPolicy policy = new ReconnectPolicy();
        policy.afterFailure(BAD_PASSWORD);
        policy.connected(1_000);
        assertEquals(0, policy.afterLoss(1_000 + ReconnectPolicy.STABLE_SESSION_MILLIS));
        assertEquals(1_000, policy.afterFailure(BAD_PASSWORD), "a stable session forgives earlier refusals");
    }

    @Test
    void sessionsDroppedSoonAfterConnectingBackOff() {
        ReconnectPolicy policy = new ReconnectPolicy();
        List<Long> delays = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 4; i++) {
            policy.connected(now);
            now += 200;
            long delay = policy.afterLoss(now);
            delays.add(delay);
            now += delay;
        }
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L), delays, "e.g. a replica with the same client id");
    }

    @Test
    void onlyConnackReasonCodesAreRefusals() {
        assertTrue(ReconnectPolicy.refusedByBroker(new MqttException(0x80)));
        assertTrue(ReconnectPolicy.refusedByBroker(new MqttException(0x9F)));
        assertFalse(ReconnectPolicy.refusedByBroker(UNREACHABLE));
        assertFalse(ReconnectPolicy.refusedByBroker(new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST)));
        assertFalse(ReconnectPolicy.refusedByBroker(new RuntimeException()));
    }
}

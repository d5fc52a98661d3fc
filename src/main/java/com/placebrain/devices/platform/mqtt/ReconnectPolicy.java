package com.placebrain.devices.platform.mqtt;

import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * When the service's MQTT session tries to connect again. Commands must flow within a second of
 * the broker's return, so while the broker does not answer (nothing listening, host unreachable)
 * an attempt is made every {@link #UNANSWERED_MILLIS}: a refused TCP connection costs a broker
 * that is away nothing, and an unreachable host is tried at most once per connect timeout plus
 * that pause. A broker that answers and refuses (CONNACK with an error: bad credentials, not
 * authorised, busy, rate limit), or that drops a session soon after accepting it (session taken
 * over by a replica with the same client id, kicked), is up and doing work for each attempt, and
 * will likely answer the same again: those attempts back off from 1 s to 60 s.
 *
 * <p>Paho's own automatic reconnect cannot do this: it backs off from its minimum delay whatever
 * the cause, in whole seconds (1 to 5 s here left commands failing 5.3 s after the broker was back).
 */
final class ReconnectPolicy {

    static final long UNANSWERED_MILLIS = 500;
    static final long BACKOFF_FIRST_MILLIS = 1_000;
    static final long BACKOFF_MAX_MILLIS = 60_000;
    /** A session that lasted this long ended by an outage, not by the broker sending us away. */
    static final long STABLE_SESSION_MILLIS = 10_000;

    private int backoffs;
    private long connectedAt;

    synchronized void connected(long nowMillis) {
        connectedAt = nowMillis;
    }

    /** Delay before the first attempt after an established session ended. */
    synchronized long afterLoss(long nowMillis) {
        if (nowMillis - connectedAt >= STABLE_SESSION_MILLIS) {
            backoffs = 0;
            return 0;
        }
        return backoff();
    }

    /** Delay after a connect attempt failed. */
    synchronized long afterFailure(Throwable cause) {
        return refusedByBroker(cause) ? backoff() : UNANSWERED_MILLIS;
    }

    /** A CONNACK reason code of MQTT 5 (0x80 and above); Paho's own failures are numbered 32000 and up. */
    static boolean refusedByBroker(Throwable cause) {
        return cause instanceof MqttException mqtt && mqtt.getReasonCode() >= 0x80 && mqtt.getReasonCode() <= 0xFF;
    }

    private long backoff() {
        long delay = Math.min(BACKOFF_FIRST_MILLIS << Math.min(backoffs, 16), BACKOFF_MAX_MILLIS);
        backoffs++;
        return delay;
    }
}

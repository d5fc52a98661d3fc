package com.placebrain.devices.mqttaccess;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Every Redis key of MQTT access control, in one place (README "Redis keys"). The prefix is empty
 * in production; tests give each run its own so they can share a real Redis and clean up after
 * themselves. Usernames in keys are always the canonical form ({@link MqttIdentity#username()}),
 * so {@code device:ABC...} and {@code device:abc...} share one bcrypt budget.
 */
@Dependent
final class MqttKeys {

    private final String prefix;

    @Inject
    MqttKeys() {
        this("");
    }

    /** Keys under {@code prefix}: tests sharing one Redis keep to their own keys with it. */
    MqttKeys(String prefix) {
        this.prefix = prefix;
    }

    /** Hash: SHA-256 of a password (hex) → its expiry in Unix seconds; key TTL = the newest expiry. */
    String userCredentials(UUID userId) {
        return prefix + UserCredentialStore.KEY + userId;
    }

    /** The Python service's hash of a user's credentials (CONTRACT §4); deleted on invalidation, never written. */
    String pythonUserCredentials(UUID userId) {
        return prefix + UserCredentialStore.PYTHON_KEY + userId;
    }

    /** Counter bumped on every revocation; cache entries made under another value are misses. */
    String deviceCredentialVersion(UUID deviceId) {
        return prefix + "mqtt:device:cred-version:" + deviceId;
    }

    /** String {@code version|place_id|hmac}: the last secret that passed bcrypt for this device. */
    String deviceAuth(UUID deviceId) {
        return prefix + "mqtt:device:auth:" + deviceId;
    }

    /** String {@code version|place_id}: the device's place, for ACL decisions. */
    String devicePlace(UUID deviceId) {
        return prefix + "mqtt:device:place:" + deviceId;
    }

    /** Pub/sub channel: comma-separated ids of devices whose credentials were just revoked (DeviceAuthCache). */
    String deviceRevocations() {
        return prefix + "mqtt:device:revoked";
    }

    /** Sorted set: client ids that logged in as this username → login time (ms); see BrokerSessions. */
    String brokerSessions(String username) {
        return prefix + "mqtt:sessions:" + username;
    }

    /** Number of bcrypt checks run for this username in the current window (BcryptBudget). */
    String bcryptCount(String username) {
        return prefix + "mqtt:auth:bcrypt:" + username;
    }

    /** Number of those asked from one source (BcryptBudget.sourceOf). */
    String bcryptSourceCount(String username, String source) {
        return prefix + "mqtt:auth:bcrypt-source:" + username + ":" + source;
    }

    /** Present once a refusal of this window was logged. */
    String bcryptRefused(String username) {
        return prefix + "mqtt:auth:bcrypt-refused:" + username;
    }
}

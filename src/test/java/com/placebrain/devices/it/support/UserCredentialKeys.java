package com.placebrain.devices.it.support;

/**
 * Where users' MQTT credentials live in Redis (CONTRACT §4, README "Redis keys"). Production
 * builds these in {@code mqttaccess.MqttKeys}, which is package-private: this is the tests' one
 * copy of the two key shapes, until that builder is exposed.
 */
public final class UserCredentialKeys {

    private UserCredentialKeys() {
    }

    /** Our hash of a user's credential sets: SHA-256 of a password → its expiry. */
    public static String ours(String userId) {
        return "mqtt:user:credentials:" + userId;
    }

    /** The Python service's hash of a user's credentials: ours only to delete, never to write. */
    public static String python(String userId) {
        return "mqtt:cred:user:" + userId;
    }
}

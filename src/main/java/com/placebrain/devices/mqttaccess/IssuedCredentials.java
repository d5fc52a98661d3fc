package com.placebrain.devices.mqttaccess;

/**
 * One set of a user's MQTT credentials, as GenerateMqttCredentials returns it. The password is
 * shown this once; only its hash is kept.
 *
 * @param expiresAt Unix seconds
 */
public record IssuedCredentials(String username, String password, long expiresAt) {

    /** The password stays out of logs even if someone logs the record. */
    @Override
    public String toString() {
        return "IssuedCredentials[username=" + username + ", expiresAt=" + expiresAt + "]";
    }
}

package com.placebrain.devices.mqttaccess;

import java.util.Optional;
import java.util.UUID;

/**
 * What MQTT access control needs to know about a device from the registry: its place, token
 * hash and fast verifier. A seam so the access logic can be tested without a database.
 */
public interface DeviceDirectory {

    /** Empty for a device that does not exist (never created, or deleted). */
    Optional<DeviceCredentials> find(UUID deviceId);

    /**
     * Stores a fast verifier made after a bcrypt check succeeded, unless the token was replaced
     * meanwhile (the hash is no longer {@code tokenHash}).
     */
    void storeVerifier(UUID deviceId, String tokenHash, String verifier);

    /**
     * @param tokenHash bcrypt, as stored in {@code devices.token_hash}
     * @param tokenVerifier {@code devices.token_verifier}, null when none was made (see TokenVerifier)
     */
    record DeviceCredentials(UUID placeId, String tokenHash, String tokenVerifier) {

        @Override
        public String toString() {
            return "DeviceCredentials[placeId=" + placeId + "]";
        }
    }
}

package com.placebrain.devices.mqttaccess;

import java.util.Optional;
import java.util.UUID;

/**
 * What MQTT access control needs to know about a device from the registry: its place and token
 * hash. A seam so the access logic can be tested without a database.
 */
public interface DeviceDirectory {

    /** Empty for a device that does not exist (never created, or deleted). */
    Optional<DeviceCredentials> find(UUID deviceId);

    /** @param tokenHash bcrypt, as stored in {@code devices.token_hash} */
    record DeviceCredentials(UUID placeId, String tokenHash) {

        @Override
        public String toString() {
            return "DeviceCredentials[placeId=" + placeId + "]";
        }
    }
}

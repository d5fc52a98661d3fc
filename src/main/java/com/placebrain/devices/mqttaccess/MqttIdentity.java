package com.placebrain.devices.mqttaccess;

import java.util.Objects;
import java.util.UUID;

/** Who an MQTT client is, as told by its username (CONTRACT §3). */
public sealed interface MqttIdentity {

    /** {@code device:{device_id}}. */
    record Device(UUID deviceId) implements MqttIdentity {
        public Device {
            Objects.requireNonNull(deviceId, "deviceId");
        }

        @Override
        public String username() {
            return "device:" + deviceId;
        }
    }

    /** {@code user:{user_id}}: short-lived read-only credentials of a person. */
    record User(UUID userId) implements MqttIdentity {
        public User {
            Objects.requireNonNull(userId, "userId");
        }

        @Override
        public String username() {
            return "user:" + userId;
        }
    }

    /** {@code collector}: the telemetry collector service. */
    record Collector() implements MqttIdentity {
        @Override
        public String username() {
            return "collector";
        }
    }

    /**
     * The service's own login ({@code devices.mqtt.username}), with which SendCommand publishes.
     * Exists only when a username and a password are configured ({@link ServiceLogin}).
     */
    record Service(String username) implements MqttIdentity {
        public Service {
            Objects.requireNonNull(username, "username");
        }
    }

    /** The username in canonical (lower-case id) form. */
    String username();
}

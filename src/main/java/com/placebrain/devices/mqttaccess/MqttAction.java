package com.placebrain.devices.mqttaccess;

import java.util.Locale;
import java.util.Optional;

/** The {@code action} of an EMQX authorization request. */
public enum MqttAction {
    PUBLISH,
    SUBSCRIBE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive; anything else (including null) is empty, so the caller can deny. */
    public static Optional<MqttAction> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (MqttAction action : values()) {
            if (action.wireName().equalsIgnoreCase(value)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}

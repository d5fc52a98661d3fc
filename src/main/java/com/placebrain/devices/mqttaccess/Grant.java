package com.placebrain.devices.mqttaccess;

import java.util.Objects;

/** One thing an identity may do: this action on the topics of this pattern. */
record Grant(MqttAction action, TopicPattern pattern) {
    Grant {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(pattern, "pattern");
    }
}

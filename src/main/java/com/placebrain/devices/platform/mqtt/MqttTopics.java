package com.placebrain.devices.platform.mqtt;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The platform's MQTT topic layout (CONTRACT §3), in one place: a device's topics
 * {@code placebrain/{place}/devices/{device}/{channel}}, a place's alerts
 * {@code placebrain/{place}/alerts}, and a place's whole tree under {@code placebrain/{place}}.
 * It builds topics, reads the ids back out of a device topic, and lays out the levels for
 * whoever describes sets of topics level by level (the ACL's grants).
 */
public final class MqttTopics {

    private static final String ROOT = "placebrain";
    private static final String DEVICES = "devices";
    private static final String ALERTS = "alerts";
    private static final int DEVICE_TOPIC_LEVELS = 5;

    /** The last level of a device topic: what is sent on it. */
    public enum Channel {
        /** The device publishes readings. */
        TELEMETRY,
        /** The device publishes online/offline. */
        STATUS,
        /** The service publishes commands to the device. */
        COMMAND;

        String level() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The two id levels of a device topic as they were written, not yet checked to be ids. */
    public record DeviceTopic(String place, String device, Channel channel) {
    }

    private MqttTopics() {
    }

    public static String device(UUID place, UUID device, Channel channel) {
        return String.join("/", deviceLevels(place.toString(), device.toString(), channel, level -> level));
    }

    /** The place and device levels of a topic of this layout; empty for any other topic. */
    public static Optional<DeviceTopic> parseDevice(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length != DEVICE_TOPIC_LEVELS || !levels[0].equals(ROOT) || levels[1].isEmpty()
                || !levels[2].equals(DEVICES) || levels[3].isEmpty()) {
            return Optional.empty();
        }
        for (Channel channel : Channel.values()) {
            if (channel.level().equals(levels[4])) {
                return Optional.of(new DeviceTopic(levels[1], levels[3], channel));
            }
        }
        return Optional.empty();
    }

    /** The levels of a device topic; {@code fixed} turns the layout's own words into the caller's level type. */
    public static <L> List<L> deviceLevels(L place, L device, Channel channel, Function<String, L> fixed) {
        return List.of(fixed.apply(ROOT), place, fixed.apply(DEVICES), device, fixed.apply(channel.level()));
    }

    /** The levels of a place's alerts topic. */
    public static <L> List<L> alertsLevels(L place, Function<String, L> fixed) {
        return List.of(fixed.apply(ROOT), place, fixed.apply(ALERTS));
    }

    /** The levels of a place's own topic, the parent of everything of that place. */
    public static <L> List<L> placeLevels(L place, Function<String, L> fixed) {
        return List.of(fixed.apply(ROOT), place);
    }
}

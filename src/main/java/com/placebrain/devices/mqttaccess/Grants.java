package com.placebrain.devices.mqttaccess;

import static com.placebrain.devices.mqttaccess.MqttAction.PUBLISH;
import static com.placebrain.devices.mqttaccess.MqttAction.SUBSCRIBE;

import com.placebrain.devices.mqttaccess.TopicPattern.AnyId;
import com.placebrain.devices.mqttaccess.TopicPattern.FixedId;
import com.placebrain.devices.mqttaccess.TopicPattern.Level;
import com.placebrain.devices.mqttaccess.TopicPattern.Literal;
import com.placebrain.devices.mqttaccess.TopicPattern.Subtree;
import com.placebrain.devices.platform.mqtt.MqttTopics.Channel;
import com.placebrain.devices.platform.mqtt.MqttTopics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The whole MQTT permission model of CONTRACT §3, in one place. Both the per-request check
 * ({@link TopicAcl}) and the rule list handed to EMQX at login ({@link EmqxAclRules}) are
 * derived from it, so the two cannot drift apart.
 */
final class Grants {

    private Grants() {
    }

    /** In a stable order: devices telemetry, status, command; users by place id; collector; service. */
    static List<Grant> of(MqttIdentity who, AccessFacts facts) {
        return switch (who) {
            case MqttIdentity.Device device -> facts.devicePlaceId()
                    .map(place -> deviceGrants(new FixedId(place), new FixedId(device.deviceId())))
                    .orElse(List.of());
            case MqttIdentity.User user -> facts.userPlaceIds().stream()
                    .sorted(Comparator.comparing(UUID::toString))
                    .map(place -> new Grant(SUBSCRIBE, placeTree(new FixedId(place))))
                    .toList();
            case MqttIdentity.Collector collector -> List.of(
                    new Grant(SUBSCRIBE, deviceTopic(new AnyId(), new AnyId(), Channel.TELEMETRY)),
                    new Grant(SUBSCRIBE, deviceTopic(new AnyId(), new AnyId(), Channel.STATUS)),
                    new Grant(PUBLISH, new TopicPattern(MqttTopics.alertsLevels(new AnyId(), Literal::new))));
            case MqttIdentity.Service service -> List.of(
                    new Grant(PUBLISH, deviceTopic(new AnyId(), new AnyId(), Channel.COMMAND)));
        };
    }

    private static List<Grant> deviceGrants(Level place, Level device) {
        return List.of(
                new Grant(PUBLISH, deviceTopic(place, device, Channel.TELEMETRY)),
                new Grant(PUBLISH, deviceTopic(place, device, Channel.STATUS)),
                new Grant(SUBSCRIBE, deviceTopic(place, device, Channel.COMMAND)));
    }

    private static TopicPattern deviceTopic(Level place, Level device, Channel channel) {
        return new TopicPattern(MqttTopics.deviceLevels(place, device, channel, Literal::new));
    }

    /** The place's topic and everything below it. */
    private static TopicPattern placeTree(Level place) {
        List<Level> levels = new ArrayList<>(MqttTopics.placeLevels(place, Literal::new));
        levels.add(new Subtree());
        return new TopicPattern(levels);
    }
}

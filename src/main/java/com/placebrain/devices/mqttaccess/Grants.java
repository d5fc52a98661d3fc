package com.placebrain.devices.mqttaccess;

import static com.placebrain.devices.mqttaccess.MqttAction.PUBLISH;
import static com.placebrain.devices.mqttaccess.MqttAction.SUBSCRIBE;

import com.placebrain.devices.mqttaccess.TopicPattern.AnyId;
import com.placebrain.devices.mqttaccess.TopicPattern.FixedId;
import com.placebrain.devices.mqttaccess.TopicPattern.Level;
import com.placebrain.devices.mqttaccess.TopicPattern.Literal;
import com.placebrain.devices.mqttaccess.TopicPattern.Subtree;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The whole MQTT permission model of CONTRACT §3, in one place. Both the per-request check
 * ({@link TopicAcl}) and the rule list handed to EMQX at login ({@link EmqxAclRules}) are
 * derived from it, so the two cannot drift apart.
 */
final class Grants {

    private static final Literal ROOT = new Literal("placebrain");
    private static final Literal DEVICES = new Literal("devices");

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
                    .map(place -> new Grant(SUBSCRIBE, TopicPattern.of(ROOT, new FixedId(place), new Subtree())))
                    .toList();
            case MqttIdentity.Collector collector -> List.of(
                    new Grant(SUBSCRIBE, deviceTopic(new AnyId(), new AnyId(), "telemetry")),
                    new Grant(SUBSCRIBE, deviceTopic(new AnyId(), new AnyId(), "status")),
                    new Grant(PUBLISH, TopicPattern.of(ROOT, new AnyId(), new Literal("alerts"))));
            case MqttIdentity.Service service -> List.of(
                    new Grant(PUBLISH, deviceTopic(new AnyId(), new AnyId(), "command")));
        };
    }

    private static List<Grant> deviceGrants(Level place, Level device) {
        return List.of(
                new Grant(PUBLISH, deviceTopic(place, device, "telemetry")),
                new Grant(PUBLISH, deviceTopic(place, device, "status")),
                new Grant(SUBSCRIBE, deviceTopic(place, device, "command")));
    }

    private static TopicPattern deviceTopic(Level place, Level device, String kind) {
        return TopicPattern.of(ROOT, place, DEVICES, device, new Literal(kind));
    }
}

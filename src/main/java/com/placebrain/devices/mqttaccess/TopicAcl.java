package com.placebrain.devices.mqttaccess;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-request MQTT authorization decision (CONTRACT §3), for CheckDeviceAcl and the EMQX
 * authorization hook. Fails closed: anything unparseable is denied.
 */
public final class TopicAcl {

    private TopicAcl() {
    }

    /**
     * Whether {@code who} may {@code action} this topic (publish) or filter (subscribe). A filter
     * with wildcards is allowed only if every topic it matches would be allowed, since the
     * subscriber would receive all of them.
     */
    public static boolean allows(MqttIdentity who, MqttAction action, String topicOrFilter, AccessFacts facts) {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(facts, "facts");
        Optional<List<String>> levels = TopicSyntax.levelsToJudge(action, topicOrFilter);
        if (levels.isEmpty()) {
            return false;
        }
        return Grants.of(who, facts).stream()
                .filter(grant -> grant.action() == action)
                .anyMatch(grant -> grant.pattern().covers(levels.get()));
    }
}

package com.placebrain.devices.mqttaccess;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The least-privilege rule list returned with an EMQX 5.8+ authentication {@code allow}
 * (CONTRACT §6). EMQX checks it before any authorizer, so with it no per-publish callback is
 * needed. Derived from the same {@link Grants} as {@link TopicAcl}.
 */
public final class EmqxAclRules {

    /**
     * Denies for {@code $}-prefixed topics a client could use to reach around the allow rules.
     * MQTT wildcards never match a topic starting with {@code $} (EMQX's {@code emqx_topic:match}
     * included), so the closing deny-all {@code #} does not catch them: without these, e.g. a
     * device publishing to {@code $delayed/1/placebrain/{other place}/.../telemetry} would fall
     * through to {@code no_match}, which defaults to allow. {@code $queue/} and {@code $stream/}
     * are named queues/streams in EMQX 6.1+, authorized verbatim. Subscribing to
     * {@code $share/{group}/{filter}} stays possible: EMQX authorizes it as {@code filter}, which
     * the allow rules judge; only publishing to {@code $share/} is denied. Other {@code $} topics
     * still reach the authorizer chain, so operators should also set
     * {@code authorization.no_match = deny} or chain our HTTP authorizer.
     */
    static final List<EmqxRule> DOLLAR_DENIES = List.of(
            EmqxRule.denyAll("$SYS/#"),
            EmqxRule.denyAll("$delayed/#"),
            EmqxRule.denyAll("$queue/#"),
            EmqxRule.denyAll("$q/#"),
            EmqxRule.denyAll("$stream/#"),
            EmqxRule.denyAll("$exclusive/#"),
            new EmqxRule(EmqxRule.DENY, MqttAction.PUBLISH.wireName(), "$share/#"));

    /** What closes every list: the {@code $} denies, then deny-all. */
    private static final List<EmqxRule> CLOSING = Stream.concat(DOLLAR_DENIES.stream(), Stream.of(EmqxRule.DENY_ALL))
            .toList();
    private static final String CLOSING_JSON = CLOSING.stream().map(EmqxRule::toJson).collect(Collectors.joining(","));

    private EmqxAclRules() {
    }

    /**
     * The rules for an authenticated identity: one allow per grant, then the {@code $} denies,
     * then deny-all. A single-topic grant is sent with {@code eq} so that EMQX compares it
     * literally; the user's {@code placebrain/{p}/#} also covers {@code placebrain/{p}} itself in
     * MQTT matching, so one rule per place is enough. An unknown device or a user without places
     * gets only denies.
     */
    public static List<EmqxRule> rulesFor(MqttIdentity who, AccessFacts facts) {
        List<EmqxRule> rules = new ArrayList<>();
        for (Grant grant : Grants.of(who, facts)) {
            rules.add(allowRule(grant));
        }
        rules.addAll(CLOSING);
        return List.copyOf(rules);
    }

    /**
     * {@link #rulesFor} as the JSON array for the {@code "acl"} field. The closing rules are the
     * same in every list, so their JSON is written once per process.
     */
    public static String toJson(MqttIdentity who, AccessFacts facts) {
        StringBuilder json = new StringBuilder(256 + CLOSING_JSON.length()).append('[');
        for (Grant grant : Grants.of(who, facts)) {
            json.append(allowRule(grant).toJson()).append(',');
        }
        return json.append(CLOSING_JSON).append(']').toString();
    }

    private static EmqxRule allowRule(Grant grant) {
        TopicPattern pattern = grant.pattern();
        String filter = pattern.toMqttFilter();
        return EmqxRule.allow(grant.action(), pattern.isSingleTopic() ? EmqxRule.EQ + filter : filter);
    }
}

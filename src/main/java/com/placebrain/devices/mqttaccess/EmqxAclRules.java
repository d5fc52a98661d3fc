package com.placebrain.devices.mqttaccess;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    private static final Set<String> PERMISSIONS = Set.of(EmqxRule.ALLOW, EmqxRule.DENY);
    private static final Set<String> ACTIONS = Set.of("publish", "subscribe", EmqxRule.ALL);

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
            TopicPattern pattern = grant.pattern();
            String filter = pattern.toMqttFilter();
            rules.add(EmqxRule.allow(grant.action(), pattern.isSingleTopic() ? EmqxRule.EQ + filter : filter));
        }
        rules.addAll(DOLLAR_DENIES);
        rules.add(EmqxRule.DENY_ALL);
        return List.copyOf(rules);
    }

    /** The list as the JSON array for the {@code "acl"} field. */
    public static String toJson(List<EmqxRule> rules) {
        return rules.stream().map(EmqxRule::toJson).collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * Checks what EMQX would check before accepting the list (an invalid rule fails the login)
     * plus our own invariant that the list ends with deny-all.
     *
     * @throws IllegalArgumentException listing every problem found
     */
    public static void validate(List<EmqxRule> rules) {
        List<String> problems = new ArrayList<>();
        if (rules == null || rules.isEmpty()) {
            problems.add("the list is empty; it must end with a deny-all rule");
        } else {
            for (int i = 0; i < rules.size(); i++) {
                EmqxRule rule = rules.get(i);
                if (rule == null) {
                    problems.add("rule " + i + " is null");
                    continue;
                }
                if (!PERMISSIONS.contains(rule.permission())) {
                    problems.add("rule " + i + ": permission must be allow or deny, not " + rule.permission());
                }
                if (!ACTIONS.contains(rule.action())) {
                    problems.add("rule " + i + ": action must be publish, subscribe or all, not " + rule.action());
                }
                String filter = rule.topic().startsWith(EmqxRule.EQ)
                        ? rule.topic().substring(EmqxRule.EQ.length())
                        : rule.topic();
                if (!TopicSyntax.isWellFormedFilter(filter)) {
                    problems.add("rule " + i + ": topic is not a well-formed filter: " + rule.topic());
                }
            }
            if (!EmqxRule.DENY_ALL.equals(rules.getLast())) {
                problems.add("the last rule must be " + EmqxRule.DENY_ALL.toJson());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}

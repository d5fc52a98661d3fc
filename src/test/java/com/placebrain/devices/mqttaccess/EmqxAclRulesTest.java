package com.placebrain.devices.mqttaccess;

import static com.placebrain.devices.mqttaccess.TestWorld.D1;
import static com.placebrain.devices.mqttaccess.TestWorld.D2;
import static com.placebrain.devices.mqttaccess.TestWorld.D3;
import static com.placebrain.devices.mqttaccess.TestWorld.D9;
import static com.placebrain.devices.mqttaccess.TestWorld.P1;
import static com.placebrain.devices.mqttaccess.TestWorld.P2;
import static com.placebrain.devices.mqttaccess.TestWorld.U1;
import static com.placebrain.devices.mqttaccess.TestWorld.U2;
import static com.placebrain.devices.mqttaccess.TestWorld.U3;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EmqxAclRulesTest {

    private static final MqttIdentity DEVICE_1 = new MqttIdentity.Device(D1);
    private static final MqttIdentity DEVICE_3 = new MqttIdentity.Device(D3);
    private static final MqttIdentity UNKNOWN_DEVICE = new MqttIdentity.Device(D9);
    private static final MqttIdentity USER_1 = new MqttIdentity.User(U1);
    private static final MqttIdentity USER_WITHOUT_ROLE = new MqttIdentity.User(U2);
    private static final MqttIdentity USER_3 = new MqttIdentity.User(U3);
    private static final MqttIdentity COLLECTOR = new MqttIdentity.Collector();
    private static final MqttIdentity SERVICE = new MqttIdentity.Service("devices-service");

    private static final List<EmqxRule> DOLLAR_DENIES = EmqxAclRules.DOLLAR_DENIES;

    static Stream<MqttIdentity> everyone() {
        return Stream.of(DEVICE_1, DEVICE_3, UNKNOWN_DEVICE, USER_1, USER_WITHOUT_ROLE, USER_3, COLLECTOR, SERVICE);
    }

    private static List<EmqxRule> rulesOf(MqttIdentity who) {
        return EmqxAclRules.rulesFor(who, TestWorld.factsFor(who));
    }

    private static List<EmqxRule> withClosingDenies(EmqxRule... allows) {
        List<EmqxRule> rules = new ArrayList<>(List.of(allows));
        rules.addAll(DOLLAR_DENIES);
        rules.add(EmqxRule.DENY_ALL);
        return rules;
    }

    // ---- what each identity gets

    @Test
    void aDeviceGetsItsThreeTopicsLiterally() {
        String base = "placebrain/" + P1 + "/devices/" + D1 + "/";

        assertEquals(withClosingDenies(
                        EmqxRule.allow(MqttAction.PUBLISH, "eq " + base + "telemetry"),
                        EmqxRule.allow(MqttAction.PUBLISH, "eq " + base + "status"),
                        EmqxRule.allow(MqttAction.SUBSCRIBE, "eq " + base + "command")),
                rulesOf(DEVICE_1));
    }

    @Test
    void theJsonIsWhatEmqxReads() {
        String json = EmqxAclRules.toJson(DEVICE_1, TestWorld.factsFor(DEVICE_1));

        assertTrue(json.startsWith("[{\"permission\":\"allow\",\"action\":\"publish\",\"topic\":\"eq placebrain/"
                + P1 + "/devices/" + D1 + "/telemetry\"},"), json);
        assertTrue(json.endsWith(",{\"permission\":\"deny\",\"action\":\"all\",\"topic\":\"#\"}]"), json);
    }

    /** The JSON, with its closing rules written once per process, is exactly the rules' own JSON, in order. */
    @ParameterizedTest
    @MethodSource("everyone")
    void theJsonIsTheRulesInOrder(MqttIdentity who) {
        String expected = rulesOf(who).stream().map(EmqxRule::toJson).collect(Collectors.joining(",", "[", "]"));

        assertEquals(expected, EmqxAclRules.toJson(who, TestWorld.factsFor(who)));
    }

    @Test
    void jsonEscapesQuotesAndControlCharacters() {
        assertEquals("{\"permission\":\"deny\",\"action\":\"all\",\"topic\":\"a\\\"b\\\\c\\u0001\"}",
                EmqxRule.denyAll("a\"b\\c\u0001").toJson());
    }

    @Test
    void aUserGetsOneSubtreePerPlaceSortedById() {
        assertEquals(withClosingDenies(
                        EmqxRule.allow(MqttAction.SUBSCRIBE, "placebrain/" + P1 + "/#"),
                        EmqxRule.allow(MqttAction.SUBSCRIBE, "placebrain/" + P2 + "/#")),
                rulesOf(USER_3));
    }

    @Test
    void placesAreSortedAsTextNotAsSignedUuids() {
        UUID low = UUID.fromString("11111111-0000-4000-8000-000000000000");
        UUID high = UUID.fromString("ffffffff-0000-4000-8000-000000000000");

        List<EmqxRule> rules = EmqxAclRules.rulesFor(USER_1, AccessFacts.user(Set.of(high, low)));

        assertEquals("placebrain/" + low + "/#", rules.get(0).topic());
        assertEquals("placebrain/" + high + "/#", rules.get(1).topic());
    }

    @Test
    void theCollectorGetsWildcardRules() {
        assertEquals(withClosingDenies(
                        EmqxRule.allow(MqttAction.SUBSCRIBE, "placebrain/+/devices/+/telemetry"),
                        EmqxRule.allow(MqttAction.SUBSCRIBE, "placebrain/+/devices/+/status"),
                        EmqxRule.allow(MqttAction.PUBLISH, "placebrain/+/alerts")),
                rulesOf(COLLECTOR));
    }

    @Test
    void theServiceGetsOnlyTheCommandWildcard() {
        assertEquals(withClosingDenies(EmqxRule.allow(MqttAction.PUBLISH, "placebrain/+/devices/+/command")),
                rulesOf(SERVICE));
    }

    @Test
    void anUnknownDeviceOrAUserWithoutRolesGetsOnlyDenies() {
        assertEquals(withClosingDenies(), rulesOf(UNKNOWN_DEVICE));
        assertEquals(withClosingDenies(), rulesOf(USER_WITHOUT_ROLE));
    }

    // ---- every list is valid and closed

    @ParameterizedTest
    @MethodSource("everyone")
    void everyListIsValidAndEndsWithDenyAll(MqttIdentity who) {
        List<EmqxRule> rules = rulesOf(who);

        assertDoesNotThrow(() -> EmqxRuleGrammar.validate(rules));
        assertEquals(EmqxRule.DENY_ALL, rules.getLast());
        assertTrue(rules.stream().filter(rule -> rule.permission().equals("allow"))
                .allMatch(rule -> !rule.action().equals("all")), "an allow is always for one action");
    }

    static Stream<Arguments> invalidLists() {
        EmqxRule ok = EmqxRule.allow(MqttAction.PUBLISH, "eq a/b");
        return Stream.of(
                Arguments.of("an empty list", List.of()),
                Arguments.of("no closing deny-all", List.of(ok)),
                Arguments.of("deny-all not last", List.of(EmqxRule.DENY_ALL, ok)),
                Arguments.of("a deny-all of publish only at the end", List.of(ok, new EmqxRule("deny", "publish", "#"))),
                Arguments.of("an unknown permission", List.of(new EmqxRule("permit", "publish", "a"), EmqxRule.DENY_ALL)),
                Arguments.of("an upper-case permission", List.of(new EmqxRule("ALLOW", "publish", "a"), EmqxRule.DENY_ALL)),
                Arguments.of("an unknown action", List.of(new EmqxRule("allow", "pubsub", "a"), EmqxRule.DENY_ALL)),
                Arguments.of("an empty topic", List.of(new EmqxRule("allow", "publish", ""), EmqxRule.DENY_ALL)),
                Arguments.of("an eq without a topic", List.of(new EmqxRule("allow", "publish", "eq "), EmqxRule.DENY_ALL)),
                Arguments.of("# not last", List.of(new EmqxRule("allow", "subscribe", "a/#/b"), EmqxRule.DENY_ALL)),
                Arguments.of("# inside a level", List.of(new EmqxRule("allow", "subscribe", "a/b#"), EmqxRule.DENY_ALL)),
                Arguments.of("+ inside a level", List.of(new EmqxRule("allow", "subscribe", "a+/b"), EmqxRule.DENY_ALL)),
                Arguments.of("a malformed eq filter", List.of(new EmqxRule("allow", "subscribe", "eq a/#/b"), EmqxRule.DENY_ALL)),
                Arguments.of("a NUL in a topic", List.of(new EmqxRule("allow", "publish", "a\u0000"), EmqxRule.DENY_ALL)),
                Arguments.of("a null rule", java.util.Arrays.asList(null, EmqxRule.DENY_ALL)));
    }

    @ParameterizedTest(name = "[{index}] rejects {0}")
    @MethodSource("invalidLists")
    void validateRejects(String what, List<EmqxRule> rules) {
        assertThrows(IllegalArgumentException.class, () -> EmqxRuleGrammar.validate(rules));
    }

    @Test
    void validateAcceptsTheGrammarsCorners() {
        assertDoesNotThrow(() -> EmqxRuleGrammar.validate(List.of(
                new EmqxRule("allow", "subscribe", "eq a/+/#"),
                new EmqxRule("deny", "subscribe", "+"),
                new EmqxRule("allow", "all", "a//b"),
                new EmqxRule("deny", "all", "$SYS/#"),
                EmqxRule.DENY_ALL)));
    }

    // ---- the rules and TopicAcl say the same thing

    @ParameterizedTest
    @MethodSource("everyone")
    void everyAllowRuleIsAllowedByTopicAcl(MqttIdentity who) {
        AccessFacts facts = TestWorld.factsFor(who);
        for (EmqxRule rule : EmqxAclRules.rulesFor(who, facts)) {
            if (!rule.permission().equals("allow")) {
                continue;
            }
            MqttAction action = MqttAction.parse(rule.action()).orElseThrow();
            String filter = rule.topic().startsWith("eq ") ? rule.topic().substring(3) : rule.topic();
            // A publish rule with + stands for its topics; one with a fresh id must pass.
            String topic = action == MqttAction.PUBLISH ? filter.replace("+", UUID.randomUUID().toString()) : filter;

            assertTrue(TopicAcl.allows(who, action, topic, facts), who + " " + rule);
            if (action == MqttAction.SUBSCRIBE) {
                String instance = filter.replace("+", UUID.randomUUID().toString()).replace("#", "below");
                assertTrue(TopicAcl.allows(who, action, instance, facts), who + " " + rule + " as " + instance);
            }
        }
    }

    @Test
    void aDevicesRulesCoverNoOtherDevice() {
        List<EmqxRule> rules = rulesOf(DEVICE_1);
        AccessFacts facts = TestWorld.factsFor(DEVICE_1);
        for (UUID place : List.of(P1, P2)) {
            for (UUID device : List.of(D1, D2, D3)) {
                if (place.equals(P1) && device.equals(D1)) {
                    continue;
                }
                for (String kind : List.of("telemetry", "status", "command")) {
                    String topic = "placebrain/" + place + "/devices/" + device + "/" + kind;
                    for (MqttAction action : MqttAction.values()) {
                        assertFalse(TopicAcl.allows(DEVICE_1, action, topic, facts), action + " " + topic);
                        assertEquals(Optional.of("deny"), EmqxRuleMatcher.decide(rules, action, topic), action + " " + topic);
                    }
                }
            }
        }
    }

    /**
     * Exhaustive agreement on a corpus of topics and filters built from the world's ids: for
     * every identity, action and request, EMQX (modelled) applying our rules allows exactly what
     * TopicAcl allows, and always by an explicit rule, never by falling through to no_match.
     * Left out on purpose: published topics with wildcards (EMQX refuses them as topic names
     * before authorization) and non-UUID ids (EMQX rules cannot say "UUID", so the collector's
     * {@code +} rules are looser there).
     */
    @Test
    void emqxApplyingTheRulesAgreesWithTopicAclEverywhere() {
        List<String> corpus = corpus();
        List<String> disagreements = new ArrayList<>();
        int checked = 0;
        for (MqttIdentity who : everyone().toList()) {
            AccessFacts facts = TestWorld.factsFor(who);
            List<EmqxRule> rules = EmqxAclRules.rulesFor(who, facts);
            for (MqttAction action : MqttAction.values()) {
                for (String topic : corpus) {
                    if (action == MqttAction.PUBLISH && (topic.contains("+") || topic.contains("#"))) {
                        continue;
                    }
                    checked++;
                    Optional<String> emqx = EmqxRuleMatcher.decide(rules, action, topic);
                    boolean acl = TopicAcl.allows(who, action, topic, facts);
                    if (emqx.isEmpty() || emqx.get().equals("allow") != acl) {
                        disagreements.add(who.username() + " " + action + " " + topic + ": emqx=" + emqx + " acl=" + acl);
                    }
                }
            }
        }
        assertTrue(checked > 5_000, "checked " + checked);
        assertEquals(List.of(), disagreements.stream().limit(20).toList(), disagreements.size() + " disagreements");
    }

    /**
     * MQTT topics are case-sensitive and a device's or user's rules name exact lower-case ids, so
     * to EMQX an upper-case id is another topic; TopicAcl must judge it the same way. (The
     * collector's {@code +} rules are looser there, as for non-UUID ids.)
     */
    @Test
    void upperCaseIdsInATopicGetTheSameVerdictFromBoth() {
        String place = P1.toString().toUpperCase(Locale.ROOT);
        String device = D1.toString().toUpperCase(Locale.ROOT);
        List<String> topics = List.of(
                "placebrain/" + place + "/devices/" + device + "/telemetry",
                "placebrain/" + P1 + "/devices/" + device + "/status",
                "placebrain/" + place + "/devices/" + D1 + "/command",
                "placebrain/" + place + "/alerts",
                "placebrain/" + place + "/#");
        for (MqttIdentity who : List.of(DEVICE_1, USER_1)) {
            List<EmqxRule> rules = rulesOf(who);
            for (MqttAction action : MqttAction.values()) {
                for (String topic : topics) {
                    if (action == MqttAction.PUBLISH && topic.contains("#")) {
                        continue;
                    }
                    boolean acl = TopicAcl.allows(who, action, topic, TestWorld.factsFor(who));
                    assertEquals(EmqxRuleMatcher.decide(rules, action, topic), Optional.of(acl ? "allow" : "deny"),
                            who.username() + " " + action + " " + topic);
                }
            }
        }
    }

    /** Without the $ denies, a $delayed publish would reach EMQX's no_match (default: allow). */
    @Test
    void theDollarDeniesAreNeeded() {
        List<EmqxRule> rules = rulesOf(DEVICE_1);
        List<EmqxRule> withoutDollarDenies = rules.stream().filter(rule -> !DOLLAR_DENIES.contains(rule)).toList();
        String spoof = "$delayed/1/placebrain/" + P1 + "/devices/" + D2 + "/telemetry";

        assertEquals(Optional.empty(), EmqxRuleMatcher.decide(withoutDollarDenies, MqttAction.PUBLISH, spoof));
        assertEquals(Optional.of("deny"), EmqxRuleMatcher.decide(rules, MqttAction.PUBLISH, spoof));
    }

    private static List<String> corpus() {
        List<String> places = List.of(P1.toString(), P2.toString(), TestWorld.P3.toString(), "+");
        List<String> devices = List.of(D1.toString(), D2.toString(), D3.toString(), "+");
        List<String> kinds = List.of("telemetry", "status", "command", "alerts", "x", "", "+", "#");
        List<String> plain = new ArrayList<>(List.of("#", "+", "placebrain", "placebrain/#", "placebrain/+",
                "+/#", "+/+/devices/+/telemetry", "x/y"));
        for (String place : places) {
            String base = "placebrain/" + place;
            plain.addAll(List.of(base, base + "/", base + "/#", base + "/+", base + "/alerts", base + "/alerts/x",
                    base + "/devices", base + "/devices/#", base + "/devices/+/+"));
            for (String device : devices) {
                for (String kind : kinds) {
                    plain.add(base + "/devices/" + device + "/" + kind);
                }
                plain.add(base + "/devices/" + device + "/telemetry/x");
                plain.add(base + "/devices/" + device + "/command/#");
                plain.add(base + "/devices/" + device);
            }
        }
        List<String> corpus = new ArrayList<>();
        for (String prefix : List.of("", "$share/g/", "$queue/", "$queue/q/", "$SYS/", "$delayed/10/", "$exclusive/")) {
            plain.forEach(topic -> corpus.add(prefix + topic));
        }
        return corpus;
    }
}

package com.placebrain.devices.mqttaccess;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A test-only check of what EMQX checks before it accepts an {@code acl} list (an invalid rule
 * fails the login), plus our own invariant that the list ends with deny-all.
 */
public final class EmqxRuleGrammar {

    private static final Set<String> PERMISSIONS = Set.of(EmqxRule.ALLOW, EmqxRule.DENY);
    private static final Set<String> ACTIONS = Set.of("publish", "subscribe", EmqxRule.ALL);

    private EmqxRuleGrammar() {
    }

    /** @throws IllegalArgumentException listing every problem found */
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
                String topic = rule.topic();
                if (!isFilter(topic.startsWith(EmqxRule.EQ) ? topic.substring(EmqxRule.EQ.length()) : topic)) {
                    problems.add("rule " + i + ": topic is not a well-formed filter: " + topic);
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

    /** MQTT filter syntax: not empty, no NUL, a wildcard only as a whole level, {@code #} only last. */
    private static boolean isFilter(String filter) {
        if (filter.isEmpty() || filter.length() > 65_535 || filter.contains("\u0000")) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            boolean wildcard = levels[i].contains("+") || levels[i].contains("#");
            boolean whole = levels[i].equals("+") || levels[i].equals("#") && i == levels.length - 1;
            if (wildcard && !whole) {
                return false;
            }
        }
        return true;
    }
}

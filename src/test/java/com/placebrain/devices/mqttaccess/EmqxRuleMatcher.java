package com.placebrain.devices.mqttaccess;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A test-only model of how EMQX 5/6 applies an authentication {@code acl} list: first matching
 * rule wins; {@code eq } compares literally; otherwise {@code emqx_topic:match(Topic, RuleTopic)},
 * where the requested topic may itself be a filter and where wildcards at the first level never
 * match a topic starting with {@code $}. A {@code $share/{group}/} prefix is unwrapped before
 * authorization, while {@code $queue/} and other {@code $} topics are judged verbatim (EMQX 6.1+).
 */
final class EmqxRuleMatcher {

    private EmqxRuleMatcher() {
    }

    /** The permission of the first matching rule, or empty for EMQX's {@code no_match}. */
    static Optional<String> decide(List<EmqxRule> rules, MqttAction action, String topic) {
        String judged = topic;
        if (action == MqttAction.SUBSCRIBE && judged.startsWith("$share/")) {
            String rest = judged.substring("$share/".length());
            judged = rest.substring(rest.indexOf('/') + 1);
        }
        for (EmqxRule rule : rules) {
            boolean actionMatches = rule.action().equals(EmqxRule.ALL) || rule.action().equals(action.wireName());
            if (actionMatches && topicMatches(judged, rule.topic())) {
                return Optional.of(rule.permission());
            }
        }
        return Optional.empty();
    }

    private static boolean topicMatches(String topic, String ruleTopic) {
        if (ruleTopic.startsWith(EmqxRule.EQ)) {
            return topic.equals(ruleTopic.substring(EmqxRule.EQ.length()));
        }
        if (topic.startsWith("$") && (ruleTopic.startsWith("+") || ruleTopic.startsWith("#"))) {
            return false;
        }
        return match(Arrays.asList(topic.split("/", -1)), Arrays.asList(ruleTopic.split("/", -1)));
    }

    /** emqx_topic:match/2 on word lists, clause by clause. */
    private static boolean match(List<String> name, List<String> filter) {
        if (name.isEmpty() && filter.isEmpty()) {
            return true;
        }
        if (!name.isEmpty() && !filter.isEmpty() && name.getFirst().equals(filter.getFirst())) {
            return match(name.subList(1, name.size()), filter.subList(1, filter.size()));
        }
        if (!name.isEmpty() && !filter.isEmpty() && filter.getFirst().equals("+")) {
            return match(name.subList(1, name.size()), filter.subList(1, filter.size()));
        }
        return filter.size() == 1 && filter.getFirst().equals("#");
    }
}

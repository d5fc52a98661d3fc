package com.placebrain.devices.mqttaccess;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** MQTT topic-name and topic-filter syntax (MQTT 3.1.1 §4.7, 5.0 §4.7/§4.8). */
final class TopicSyntax {

    /** MQTT strings are at most 65,535 bytes; anything longer is not a topic at all. */
    private static final int MAX_LENGTH = 65_535;
    private static final String SHARE_PREFIX = "$share/";

    private TopicSyntax() {
    }

    /**
     * The levels an ACL should judge for this request, or empty when the request is to be denied
     * on syntax alone.
     *
     * <p>{@code $share/{group}/{filter}} delivers only messages matching {@code filter}, so it is
     * judged as {@code filter}. {@code $queue/...} is refused: in EMQX 5 it is unwrapped before
     * authorization anyway (a hook never sees it), while from EMQX 6.1 it is
     * {@code $queue/{name}/{filter}}, a named queue whose consumer reads whatever that queue holds,
     * so judging the text after {@code $queue/} would authorize the wrong thing. Every other
     * {@code $} topic ({@code $SYS}, {@code $delayed}, ...) is outside our topic space.
     */
    static Optional<List<String>> levelsToJudge(MqttAction action, String topic) {
        if (!isPlausible(topic)) {
            return Optional.empty();
        }
        String judged = topic;
        if (judged.startsWith("$")) {
            if (action != MqttAction.SUBSCRIBE || !judged.startsWith(SHARE_PREFIX)) {
                return Optional.empty();
            }
            String rest = judged.substring(SHARE_PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || !isShareName(rest.substring(0, slash))) {
                return Optional.empty();
            }
            judged = rest.substring(slash + 1);
            if (judged.isEmpty() || judged.startsWith("$")) {
                return Optional.empty();
            }
        }
        List<String> levels = levels(judged);
        boolean valid = action == MqttAction.PUBLISH ? isTopicName(levels) : isFilter(levels);
        return valid ? Optional.of(levels) : Optional.empty();
    }

    private static boolean isPlausible(String topic) {
        return topic != null && !topic.isEmpty() && topic.length() <= MAX_LENGTH
                && topic.indexOf('\u0000') < 0;
    }

    /** Splits keeping empty levels ("a//b", "a/"), which are distinct topics in MQTT. */
    private static List<String> levels(String topic) {
        return Arrays.asList(topic.split("/", -1));
    }

    private static boolean isTopicName(List<String> levels) {
        return levels.stream().noneMatch(level -> level.indexOf('+') >= 0 || level.indexOf('#') >= 0);
    }

    private static boolean isFilter(List<String> levels) {
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            if (level.indexOf('#') >= 0 && (!level.equals("#") || i != levels.size() - 1)) {
                return false;
            }
            if (level.indexOf('+') >= 0 && !level.equals("+")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isShareName(String group) {
        return group.indexOf('+') < 0 && group.indexOf('#') < 0;
    }
}

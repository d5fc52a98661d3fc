package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.validation.CanonicalUuid;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The set of topics one grant covers, level by level. Unlike an MQTT filter, a pattern knows
 * which levels are ids, so it can say "any canonical UUID" ({@link AnyId}) where MQTT could
 * only say "anything" ({@code +}). Ids in topics are lower-case only ({@link CanonicalUuid#inTopic}).
 */
record TopicPattern(List<Level> levels) {

    sealed interface Level permits Literal, FixedId, AnyId, Subtree {
    }

    /** Exactly this text. */
    record Literal(String text) implements Level {
        Literal {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Exactly this id, lower-case. */
    record FixedId(UUID id) implements Level {
        FixedId {
            Objects.requireNonNull(id, "id");
        }
    }

    /** Any canonical lower-case UUID. */
    record AnyId() implements Level {
    }

    /** This level's parent and everything below it, like a trailing MQTT {@code #}. */
    record Subtree() implements Level {
    }

    TopicPattern {
        levels = List.copyOf(levels);
        for (int i = 0; i < levels.size() - 1; i++) {
            if (levels.get(i) instanceof Subtree) {
                throw new IllegalArgumentException("a subtree can only be the last level");
            }
        }
    }

    /**
     * Whether every topic the (well-formed) filter matches is in this pattern. A plain topic name
     * is a filter matching only itself. Level by level: a literal level must be allowed here; a
     * {@code +} is only fine where the pattern takes any id (or anything); a {@code #} only where
     * the pattern takes a whole subtree, because {@code #} also matches arbitrary deeper levels.
     *
     * <p>Checking patterns one at a time is exact for our grants: a filter's {@code +} or
     * {@code #} matches infinitely many topics, which no finite union of literal or fixed-id
     * patterns can cover, so a filter is covered by the union only if one pattern covers it.
     */
    boolean covers(List<String> filter) {
        for (int i = 0; i < filter.size(); i++) {
            if (i >= levels.size()) {
                return false;
            }
            Level rule = levels.get(i);
            if (rule instanceof Subtree) {
                return true;
            }
            String level = filter.get(i);
            boolean ok = switch (rule) {
                case Subtree subtree -> true;
                case Literal literal -> literal.text().equals(level);
                case FixedId fixed -> fixed.id().toString().equals(level);
                case AnyId any -> level.equals("+") || CanonicalUuid.inTopic(level).isPresent();
            };
            if (!ok) {
                return false;
            }
        }
        // The filter ends here: the topic of exactly this depth must be in the pattern, which is
        // the case at equal depth or when only a subtree level (it matches its parent) remains.
        return filter.size() == levels.size()
                || filter.size() == levels.size() - 1 && levels.getLast() instanceof Subtree;
    }

    /** True when the pattern names one topic, so EMQX should compare it literally ({@code eq}). */
    boolean isSingleTopic() {
        for (Level level : levels) {
            if (!(level instanceof Literal || level instanceof FixedId)) {
                return false;
            }
        }
        return true;
    }

    /** The closest MQTT filter: ids lower-case, {@link AnyId} as {@code +}, subtree as {@code #}. */
    String toMqttFilter() {
        // A loop, not a stream: this runs for every rule of every login answer.
        StringBuilder filter = new StringBuilder(96);
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) {
                filter.append('/');
            }
            filter.append(switch (levels.get(i)) {
                case Literal literal -> literal.text();
                case FixedId fixed -> fixed.id().toString();
                case AnyId any -> "+";
                case Subtree subtree -> "#";
            });
        }
        return filter.toString();
    }
}

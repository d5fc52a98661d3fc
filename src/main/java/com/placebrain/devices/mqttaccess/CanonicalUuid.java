package com.placebrain.devices.mqttaccess;

import java.util.Optional;
import java.util.UUID;

/**
 * Ids in usernames and topics must be the canonical 8-4-4-4-12 hex form. {@link UUID#fromString}
 * alone is too lenient (it accepts "1-2-3-4-5"). A username id may be all lower-case or all
 * upper-case; mixed case is refused, since every extra spelling is one more alias to reason about.
 * A topic id must be lower-case: MQTT compares topics literally, and so do the {@code eq} rules
 * EMQX gets at login, so an upper-case id in a topic is another topic.
 */
final class CanonicalUuid {

    private static final int LENGTH = 36;

    private CanonicalUuid() {
    }

    /** The id of a username (or role-cache entry), in either canonical case. */
    static Optional<UUID> parse(String text) {
        if (!hasCanonicalShape(text)) {
            return Optional.empty();
        }
        boolean lower = text.chars().anyMatch(c -> c >= 'a' && c <= 'f');
        boolean upper = text.chars().anyMatch(c -> c >= 'A' && c <= 'F');
        if (lower && upper) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }

    /** Whether a topic level is an id, in the one spelling topics use: canonical lower-case. */
    static boolean isTopicId(String text) {
        return hasCanonicalShape(text) && text.chars().noneMatch(c -> c >= 'A' && c <= 'F');
    }

    private static boolean hasCanonicalShape(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean hyphenPosition = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (hyphenPosition ? c != '-' : !hex) {
                return false;
            }
        }
        return true;
    }
}

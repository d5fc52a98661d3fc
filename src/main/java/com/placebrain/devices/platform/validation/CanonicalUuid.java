package com.placebrain.devices.platform.validation;

import java.util.Optional;
import java.util.UUID;

/**
 * The one rule for reading an id from text: the canonical 8-4-4-4-12 hex form, nothing else
 * ({@link UUID#fromString} alone is too lenient: it takes "1-2-3-4-5"). What differs by use is only
 * the case of the hex digits, and each use has its method:
 * <ul>
 * <li>{@link #inField}: a request field or a field of a consumed event, any case (a UUID's value
 *     does not depend on it, and what the gateway or the places service sends is taken as it is);
 * <li>{@link #inName}: an MQTT username, or an id read back from Redis, all lower or all upper
 *     case: a name compared as text gets no more aliases than those two spellings;
 * <li>{@link #inTopic}: an MQTT topic level, lower case only: MQTT compares topics literally, and
 *     so do the {@code eq} rules EMQX gets at login, so an upper-case id in a topic is another topic.
 * </ul>
 */
public final class CanonicalUuid {

    private static final int LENGTH = 36;

    private CanonicalUuid() {
    }

    public static Optional<UUID> inField(String text) {
        return hasCanonicalShape(text) ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }

    public static Optional<UUID> inName(String text) {
        return has(text, 'a') && has(text, 'A') ? Optional.empty() : inField(text);
    }

    public static Optional<UUID> inTopic(String text) {
        return has(text, 'A') ? Optional.empty() : inField(text);
    }

    /** Whether the text holds a hex letter of the case of {@code a} ('a' or 'A'); a plain loop, as every MQTT login asks. */
    private static boolean has(String text, char a) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= a && c <= a + 5) {
                return true;
            }
        }
        return false;
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

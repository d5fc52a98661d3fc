package com.placebrain.devices.mqttaccess;

import java.util.Optional;
import java.util.UUID;

/**
 * Ids in usernames and topics must be the canonical 8-4-4-4-12 hex form, all lower-case or all
 * upper-case. {@link UUID#fromString} alone is too lenient (it accepts "1-2-3-4-5"), and every
 * extra spelling of one id is one more topic alias to reason about, so mixed case is refused too.
 */
final class CanonicalUuid {

    private static final int LENGTH = 36;

    private CanonicalUuid() {
    }

    static Optional<UUID> parse(String text) {
        if (text == null || text.length() != LENGTH) {
            return Optional.empty();
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return Optional.empty();
                }
            } else if (c >= 'a' && c <= 'f') {
                lower = true;
            } else if (c >= 'A' && c <= 'F') {
                upper = true;
            } else if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        if (lower && upper) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }
}

package com.placebrain.devices.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Pattern;

/** How ids, tokens and timestamps look on the wire, as the Python service writes them. */
final class WireValues {

    /** ISO-8601 with offset as the Python service writes it (UTC, microseconds when not zero). */
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00");
    /** 32 random bytes, URL-safe base64 without padding. */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private WireValues() {
    }

    static void assertCanonicalUuidV7(String id, String what) {
        assertTrue(CANONICAL_UUID.matcher(id).matches(), what + " is a canonical lower-case UUID: " + id);
        assertEquals(7, UUID.fromString(id).version(), what + " is a UUIDv7: " + id);
    }

    static void assertTimestamp(String text, String what) {
        assertTrue(TIMESTAMP.matcher(text).matches(), what + " is ISO-8601 UTC with offset: \"" + text + "\"");
    }

    /** A wire timestamp within {@code slack} of now (server and tests share the machine's clock). */
    static void assertRecent(String text, Duration slack, String what) {
        assertTimestamp(text, what);
        OffsetDateTime at = OffsetDateTime.parse(text);
        OffsetDateTime now = OffsetDateTime.now();
        assertTrue(!at.isBefore(now.minus(slack)) && !at.isAfter(now.plus(slack)),
                what + " " + text + " is within " + slack + " of now " + now);
    }
}

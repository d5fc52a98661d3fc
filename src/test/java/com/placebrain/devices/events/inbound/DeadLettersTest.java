package com.placebrain.devices.events.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a record that could not be dead-lettered leaves in the log. */
class DeadLettersTest {

    @Test
    void aLongValueIsCutAndItsLengthGiven() {
        String excerpt = DeadLetters.excerpt("x".repeat(5_000));
        assertEquals("\"" + "x".repeat(DeadLetters.EXCERPT_CHARS) + "\"… (5000 characters)", excerpt);
    }

    @Test
    void controlCharactersAreEscapedSoARecordCannotForgeLogLines() {
        String excerpt = DeadLetters.excerpt("a\nSEVERE fake line\r\u0000");
        assertEquals("\"a\\u000aSEVERE fake line\\u000d\\u0000\"", excerpt);
        assertTrue(excerpt.lines().count() == 1, excerpt);
    }

    @Test
    void aMissingValueIsSaidSo() {
        assertEquals("null", DeadLetters.excerpt(null));
    }
}

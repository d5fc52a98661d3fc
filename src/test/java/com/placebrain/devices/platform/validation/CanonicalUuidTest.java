package com.placebrain.devices.platform.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalUuidTest {

    private static final UUID ID = UUID.fromString("0190f3c2-7a4b-7c3d-8e5f-a1b2c3d4e5f6");
    private static final String LOWER = ID.toString();
    private static final String UPPER = LOWER.toUpperCase(Locale.ROOT);
    private static final String MIXED = "0190F3c2-7a4b-7c3d-8e5f-a1b2c3d4e5f6";

    @ParameterizedTest
    @ValueSource(strings = {"", "1-2-3-4-5", "0190f3c27a4b7c3d8e5fa1b2c3d4e5f6", "{0190f3c2-7a4b-7c3d-8e5f-a1b2c3d4e5f6}",
            "0190f3c2-7a4b-7c3d-8e5f-a1b2c3d4e5f", "0190f3c2-7a4b-7c3d-8e5f-a1b2c3d4e5f6 ", "0190f3g2-7a4b-7c3d-8e5f-a1b2c3d4e5f6",
            "0190f3c2+7a4b-7c3d-8e5f-a1b2c3d4e5f6", "\uff10190f3c2-7a4b-7c3d-8e5f-a1b2c3d4e5f6"})
    void onlyTheCanonicalShapeIsAnIdInAnyUse(String text) {
        assertEquals(Optional.empty(), CanonicalUuid.inField(text));
        assertEquals(Optional.empty(), CanonicalUuid.inName(text));
        assertEquals(Optional.empty(), CanonicalUuid.inTopic(text));
    }

    @Test
    void nothingIsNoId() {
        assertTrue(CanonicalUuid.inField(null).isEmpty());
        assertTrue(CanonicalUuid.inName(null).isEmpty());
        assertTrue(CanonicalUuid.inTopic(null).isEmpty());
    }

    @Test
    void aFieldTakesAnyCase() {
        assertEquals(Optional.of(ID), CanonicalUuid.inField(LOWER));
        assertEquals(Optional.of(ID), CanonicalUuid.inField(UPPER));
        assertEquals(Optional.of(ID), CanonicalUuid.inField(MIXED));
    }

    @Test
    void aNameTakesOneCaseThroughout() {
        assertEquals(Optional.of(ID), CanonicalUuid.inName(LOWER));
        assertEquals(Optional.of(ID), CanonicalUuid.inName(UPPER));
        assertEquals(Optional.empty(), CanonicalUuid.inName(MIXED));
    }

    @Test
    void aTopicTakesLowerCaseOnly() {
        assertEquals(Optional.of(ID), CanonicalUuid.inTopic(LOWER));
        assertEquals(Optional.empty(), CanonicalUuid.inTopic(UPPER));
        assertEquals(Optional.empty(), CanonicalUuid.inTopic(MIXED));
    }
}

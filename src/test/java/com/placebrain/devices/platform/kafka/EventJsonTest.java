package com.placebrain.devices.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {

    @ParameterizedTest(name = "[{index}] {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-04-17T10:15:30                | 2026-04-17T10:15:30Z
            2026-04-17T10:15:30.123456         | 2026-04-17T10:15:30.123456Z
            2026-04-17T10:15:30Z               | 2026-04-17T10:15:30Z
            2026-04-17T10:15:30.123456+00:00   | 2026-04-17T10:15:30.123456Z
            2026-04-17T10:15:30+0000           | 2026-04-17T10:15:30Z
            2026-04-17T10:15:30+00             | 2026-04-17T10:15:30Z
            2026-04-17T12:15:30+02:00          | 2026-04-17T12:15:30+02:00
            2026-04-17T06:45:30-0330           | 2026-04-17T06:45:30-03:30
            """)
    void timestampTakesIsoDateTimesWithOrWithoutOffset(String text, String expected) {
        assertEquals(OffsetDateTime.parse(expected), EventJson.timestamp(text, "payload.ts"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "2026-04-17", "10:15:30", "2026-04-17 10:15:30",
            "2026-04-17T25:15:30", "2026-04-17T10:15:30+", "2026-04-17T10:15:30+0", "2026-04-17T10:15:30+000",
            "2026-04-17T10:15:30+00:0", "2026-04-17T10:15:30+00:00+00:00", "2026-04-17T10:15:30ZZ",
            "2026-04-17T10:15:30 UTC", "2026-04-17T10:15:30+19:00", "1713348930"})
    void timestampRejectsAnythingElse(String text) {
        PoisonRecord poison = assertThrows(PoisonRecord.class, () -> EventJson.timestamp(text, "payload.ts"));
        assertTrue(poison.getMessage().contains("'payload.ts'"), poison.getMessage());
    }
}

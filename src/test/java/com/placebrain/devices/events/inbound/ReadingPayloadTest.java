package com.placebrain.devices.events.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.placebrain.devices.platform.kafka.EventJson;
import com.placebrain.devices.platform.kafka.PoisonRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReadingPayloadTest {

    private static ReadingPayload read(String json) {
        return ReadingPayload.of(EventJson.object(json));
    }

    @ParameterizedTest(name = "ts {0}")
    @CsvSource(delimiter = '|', value = {
            "\"2030-01-01T10:00:00Z\"|2030-01-01T10:00Z",
            "\"2030-01-01T10:00:00\"|2030-01-01T10:00Z",
            "\"2030-01-01 10:00:00\"|2030-01-01T10:00Z",
            "\"2030-01-01 12:00:00+02:00\"|2030-01-01T10:00Z",
            "\"2030-01-01T10:00:00.250+0000\"|2030-01-01T10:00:00.250Z",
            "\"2030-01-01T10:00\"|2030-01-01T10:00Z",
            "\"2030-01-01\"|2030-01-01T00:00Z",
            "1893492000|2030-01-01T10:00Z",
            "1893492000.5|2030-01-01T10:00:00.500Z",
            "1893492000123|2030-01-01T10:00:00.123Z",
            "\"1893492000\"|2030-01-01T10:00Z",
    })
    void everyTimeFormOfThePlatformsModelIsRead(String ts, String expected) {
        ReadingPayload payload = read("{\"ts\":" + ts + ",\"values\":{\"t\":1}}");
        assertEquals(Optional.of(OffsetDateTime.parse(expected)), payload.time());
    }

    @Test
    void anAbsentOrNullTsLeavesTheTimeToTheRecord() {
        assertEquals(Optional.empty(), read("{\"values\":{}}").time());
        assertEquals(Optional.empty(), read("{\"ts\":null,\"values\":{}}").time());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "\"2030-13-01T10:00:00\"", "true", "{}", "1e300",
            "1700000000000000", "9500000000000000", "\"1700000000000000\""})
    void aTsThatIsNoTimeIsPoison(String ts) {
        assertThrows(PoisonRecord.class, () -> read("{\"ts\":" + ts + ",\"values\":{\"t\":1}}"));
    }

    @Test
    void numbersNumericStringsAndBooleansAreKeptAndAnythingElseIsDroppedAlone() {
        ReadingPayload payload = read("{\"values\":{\"temp\":21.5,\"humidity\":\"41.5\",\"door\":true,"
                + "\"leak\":false,\"label\":\"high\",\"nothing\":null,\"nested\":{\"a\":1},\"huge\":\"1e999\","
                + "\"spaced\":\" 7 \"}}");
        assertEquals(Map.of("temp", 21.5, "humidity", 41.5, "door", 1.0, "leak", 0.0, "spaced", 7.0), payload.values());
        assertEquals(List.of("label", "nothing", "nested", "huge"), payload.droppedKeys());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"values\":[1,2]}", "{\"values\":\"21.5\"}"})
    void aPayloadWithoutValuesIsPoison(String json) {
        assertThrows(PoisonRecord.class, () -> read(json));
    }
}

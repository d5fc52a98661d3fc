package com.placebrain.devices.readings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The readings of a group reduced as keeping them one by one would (LatestReadings keeps strictly newer only). */
class NewestReadingsTest {

    private static final OffsetDateTime T1 = OffsetDateTime.parse("2026-05-01T10:00:00Z");
    private static final OffsetDateTime T2 = T1.plusNanos(1_000);
    private final UUID device = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void theNewestValuePerDeviceAndKeyWinsOfEqualTimesTheFirst() {
        NewestReadings group = new NewestReadings();
        group.add(device, T2, values("temp", 22.0, "hum", 40.0));
        group.add(other, T1, values("temp", 5.0));
        group.add(device, T1, values("temp", 99.0, "co2", 5.0));
        group.add(device, T2, values("hum", 41.0));
        group.add(other, T2, values("temp", 6.0));

        Map<UUID, Map<String, NewestReadings.Stamped>> kept = group.byDevice();
        assertEquals(List.of(device, other), List.copyOf(kept.keySet()));
        assertEquals(22.0, kept.get(device).get("temp").value(), "an older value does not replace a newer one");
        assertEquals(T2, kept.get(device).get("temp").time());
        assertEquals(40.0, kept.get(device).get("hum").value(), "of equal times the first value stays, as in Redis");
        assertEquals(5.0, kept.get(device).get("co2").value(), "a key new to the device is kept, however old");
        assertEquals(6.0, kept.get(other).get("temp").value());
        assertEquals(T2.toInstant().toEpochMilli() * 1_000 + 1, kept.get(other).get("temp").micros());
    }

    @Test
    void aRecordWithoutValuesLeavesNoTrace() {
        NewestReadings group = new NewestReadings();
        group.add(device, T1, Map.of());
        assertEquals(Map.of(), group.byDevice());
    }

    private static Map<String, Double> values(Object... keyValues) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], (Double) keyValues[i + 1]);
        }
        return values;
    }
}

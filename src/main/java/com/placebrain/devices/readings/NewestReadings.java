package com.placebrain.devices.readings;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The readings of a group reduced to what keeping them one by one, in record order, would keep:
 * per (device, key) the value of the newest time, of equal times the first one (a reading replaces
 * a stored one only when strictly newer, so a record applied twice changes nothing).
 */
public final class NewestReadings {

    /** A value and when it was taken, in epoch microseconds, as {@link LatestReadings} stores it. */
    record Stamped(long micros, OffsetDateTime time, double value) {
    }

    private final Map<UUID, Map<String, Stamped>> newest = new LinkedHashMap<>();

    public void add(UUID device, OffsetDateTime time, Map<String, Double> values) {
        if (values.isEmpty()) {
            return;
        }
        long micros = time.toInstant().getEpochSecond() * 1_000_000 + time.getNano() / 1_000;
        Map<String, Stamped> ofDevice = newest.computeIfAbsent(device, d -> new LinkedHashMap<>());
        values.forEach((key, value) -> ofDevice.merge(key, new Stamped(micros, time, value),
                (kept, next) -> next.micros() > kept.micros() ? next : kept));
    }

    /** Device → key → newest value, devices and keys in the order first seen. */
    Map<UUID, Map<String, Stamped>> byDevice() {
        return newest;
    }
}

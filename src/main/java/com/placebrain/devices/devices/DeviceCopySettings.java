package com.placebrain.devices.devices;

import com.placebrain.devices.platform.config.SettingsReader;

/**
 * How much of the GetDevice and ListDevices answers a replica keeps in memory, and for how long at
 * most ({@link DeviceAnswers}; see {@link SettingsReader} for the pattern).
 *
 * @param maxAgeMillis a kept answer is read again after this; 0 keeps none (every call reads
 *     PostgreSQL). Changes reach the copies as they commit; this only bounds what a change missed
 *     without the replica noticing could cost
 * @param maxBytes what the answers kept weigh, for GetDevice and for ListDevices each: an answer
 *     weighs its wire size and {@link DeviceAnswers#ENTRY_BYTES}; 0 keeps none. Measured on the heap:
 *     about 2.4 times that for devices of 10 parts (README)
 */
public record DeviceCopySettings(int maxAgeMillis, int maxBytes) {

    public static final String MAX_AGE_MS = "devices.read-copies.max-age-ms";
    public static final String MAX_BYTES = "devices.read-copies.max-bytes";

    public static DeviceCopySettings read(SettingsReader reader) {
        return new DeviceCopySettings(reader.integer(MAX_AGE_MS, 60_000, 0, 3_600_000, "milliseconds"),
                reader.integer(MAX_BYTES, 2 * 1024 * 1024, 0, 256 * 1024 * 1024, "bytes"));
    }
}

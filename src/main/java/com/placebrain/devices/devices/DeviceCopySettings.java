package com.placebrain.devices.devices;

import com.placebrain.devices.platform.config.SettingsReader;

/**
 * How many GetDevice and ListDevices answers a replica keeps in memory, and for how long at most
 * ({@link DeviceAnswers}; see {@link SettingsReader} for the pattern).
 *
 * @param maxAgeMillis a kept answer is read again after this; 0 keeps none (every call reads
 *     PostgreSQL). Changes reach the copies as they commit; this only bounds what a change missed
 *     without the replica noticing could cost
 * @param devices GetDevice answers kept at most
 * @param pages ListDevices pages kept at most
 */
public record DeviceCopySettings(int maxAgeMillis, int devices, int pages) {

    public static final String MAX_AGE_MS = "devices.read-copies.max-age-ms";
    public static final String DEVICES = "devices.read-copies.devices";
    public static final String PAGES = "devices.read-copies.pages";

    public static DeviceCopySettings read(SettingsReader reader) {
        return new DeviceCopySettings(reader.integer(MAX_AGE_MS, 60_000, 0, 3_600_000, "milliseconds"),
                reader.integer(DEVICES, 5_000, 0, 1_000_000, "answers"),
                reader.integer(PAGES, 1_000, 0, 1_000_000, "pages"));
    }
}

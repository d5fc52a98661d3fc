package com.placebrain.devices.readings;

import com.placebrain.devices.platform.config.SettingsReader;

/**
 * The readings' settings (see {@link SettingsReader}).
 *
 * @param seenThrottleMillis at most one {@code last_seen_at} write (and place look-up) per device per this window
 */
public record ReadingSettings(int seenThrottleMillis) {

    public static final String SEEN_THROTTLE_MS = "devices.readings.seen-throttle-ms";

    public static ReadingSettings read(SettingsReader reader) {
        return new ReadingSettings(reader.positive(SEEN_THROTTLE_MS, 30_000, "milliseconds"));
    }
}

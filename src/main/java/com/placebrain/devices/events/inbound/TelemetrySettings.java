package com.placebrain.devices.events.inbound;

import com.placebrain.devices.platform.config.SettingsReader;

/**
 * How telemetry.status and telemetry.readings records are taken in groups (see {@link RecordGroups}
 * and {@link SettingsReader}).
 *
 * @param groupSize    at most this many records in one group: one PostgreSQL transaction, one Redis pipeline
 * @param lingerMillis how long a group that is not full waits for more records after its first one
 */
public record TelemetrySettings(int groupSize, int lingerMillis) {

    public static final String GROUP_SIZE = "devices.telemetry.group-size";
    public static final String GROUP_LINGER_MS = "devices.telemetry.group-linger-ms";

    public static TelemetrySettings read(SettingsReader reader) {
        return new TelemetrySettings(reader.integer(GROUP_SIZE, 2000, 1, 10_000, "records"),
                reader.integer(GROUP_LINGER_MS, 5, 0, 1_000, "milliseconds"));
    }
}

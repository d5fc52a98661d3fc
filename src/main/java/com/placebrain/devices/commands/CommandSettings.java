package com.placebrain.devices.commands;

import com.placebrain.devices.platform.config.SettingsReader;

/**
 * How SendCommand publishes (see {@link SettingsReader} for the pattern).
 *
 * @param expirySeconds the MQTT message expiry of a command, so a device that comes back late
 *     does not act on stale orders; never 0, which would mean "never expires"
 * @param publishTimeoutMillis how long to wait for the broker's PUBACK
 */
public record CommandSettings(int expirySeconds, int publishTimeoutMillis) {

    public static final String EXPIRY_SECONDS = "devices.commands.expiry-seconds";
    public static final String PUBLISH_TIMEOUT_MS = "devices.commands.publish-timeout-ms";

    public static CommandSettings read(SettingsReader reader) {
        return new CommandSettings(reader.positive(EXPIRY_SECONDS, 60, "seconds"),
                reader.positive(PUBLISH_TIMEOUT_MS, 5000, "milliseconds"));
    }
}

package com.placebrain.devices.events.outbox;

import com.placebrain.devices.platform.config.SettingsReader;

/**
 * The outbox relay's settings (see {@link SettingsReader}).
 *
 * @param pollMillis how long the relay waits between passes over the outbox
 */
public record OutboxSettings(int pollMillis) {

    public static final String POLL_MS = "devices.outbox.poll-ms";

    public static OutboxSettings read(SettingsReader reader) {
        return new OutboxSettings(reader.positive(POLL_MS, 200, "milliseconds"));
    }
}

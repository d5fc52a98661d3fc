package com.placebrain.devices.events.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.config.InvalidSettingsException;
import com.placebrain.devices.platform.config.MapConfig;
import com.placebrain.devices.platform.config.SettingsReader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboxSettingsTest {

    private static OutboxSettings read(Map<String, String> values) {
        return SettingsReader.build(new MapConfig(values), OutboxSettings::read);
    }

    @Test
    void theRelayPollsEvery200MillisecondsUnlessSet() {
        assertEquals(200, read(Map.of()).pollMillis());
        assertEquals(50, read(Map.of("devices.outbox.poll-ms", "50")).pollMillis());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "fast", "1.5"})
    void aBadIntervalStopsStartUpNamingItsKey(String value) {
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class,
                () -> read(Map.of("devices.outbox.poll-ms", value)));
        assertTrue(error.getMessage().contains("devices.outbox.poll-ms is invalid"), error.getMessage());
    }
}

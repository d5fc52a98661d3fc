package com.placebrain.devices.readings;

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

class ReadingSettingsTest {

    private static ReadingSettings read(Map<String, String> values) {
        return SettingsReader.build(new MapConfig(values), ReadingSettings::read);
    }

    @Test
    void aDeviceIsMarkedSeenAtMostEvery30SecondsUnlessSet() {
        assertEquals(30_000, read(Map.of()).seenThrottleMillis());
        assertEquals(1_000, read(Map.of("devices.readings.seen-throttle-ms", "1000")).seenThrottleMillis());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "30s", "99999999999"})
    void aBadWindowStopsStartUpNamingItsKey(String value) {
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class,
                () -> read(Map.of("devices.readings.seen-throttle-ms", value)));
        assertTrue(error.getMessage().contains("devices.readings.seen-throttle-ms is invalid"), error.getMessage());
    }
}

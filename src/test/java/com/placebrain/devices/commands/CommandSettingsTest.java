package com.placebrain.devices.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.config.InvalidSettingsException;
import com.placebrain.devices.platform.config.MapConfig;
import com.placebrain.devices.platform.config.SettingsReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandSettingsTest {

    private static CommandSettings read(Map<String, String> values) {
        return SettingsReader.build(new MapConfig(values), CommandSettings::read);
    }

    @Test
    void nothingSetMeansAMinuteOfExpiryAndFiveSecondsForPuback() {
        assertEquals(new CommandSettings(60, 5000), read(Map.of()));
        assertEquals(new CommandSettings(300, 2000), read(Map.of(CommandSettings.EXPIRY_SECONDS, "300",
                CommandSettings.PUBLISH_TIMEOUT_MS, "2000")));
    }

    /** An expiry of 0 would mean "never expires", which a command must not. */
    @Test
    void zeroOrNonNumbersAreNamed() {
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class, () -> read(Map.of(
                CommandSettings.EXPIRY_SECONDS, "0", CommandSettings.PUBLISH_TIMEOUT_MS, "5s")));
        assertTrue(error.getMessage().contains(CommandSettings.EXPIRY_SECONDS + " is invalid"), error.getMessage());
        assertTrue(error.getMessage().contains(CommandSettings.PUBLISH_TIMEOUT_MS + " is invalid"), error.getMessage());
    }
}

package com.placebrain.devices.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.config.InvalidSettingsException;
import com.placebrain.devices.platform.config.MapConfig;
import com.placebrain.devices.platform.config.SettingsReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceTokenSettingsTest {

    private static DeviceTokenSettings read(Map<String, String> values) {
        return SettingsReader.build(new MapConfig(values), DeviceTokenSettings::read);
    }

    @Test
    void nothingSetMeansCostTenAndAKeyOfThisReplica() {
        assertEquals(new DeviceTokenSettings(10, Optional.empty()), read(Map.of()));
    }

    @Test
    void whatADeploymentSetsIsReadAndTheKeyIsNeverShown() {
        DeviceTokenSettings settings = read(Map.of(DeviceTokenSettings.BCRYPT_COST, "12",
                DeviceTokenSettings.AUTH_KEY, "a-key-of-at-least-thirty-two-bytes-long"));
        assertEquals(12, settings.bcryptCost());
        assertEquals(Optional.of("a-key-of-at-least-thirty-two-bytes-long"), settings.authKey());
        assertFalse(settings.toString().contains("a-key"), settings.toString());
    }

    /** Below 4 bcrypt refuses; above 14 every check takes a second or more. */
    @ParameterizedTest
    @ValueSource(strings = {"3", "15", "ten", "-1"})
    void aCostOutsideFourToFourteenIsNamed(String cost) {
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class,
                () -> read(Map.of(DeviceTokenSettings.BCRYPT_COST, cost)));
        assertTrue(error.getMessage().contains(DeviceTokenSettings.BCRYPT_COST + " is invalid"), error.getMessage());
    }
}

package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.config.InvalidSettingsException;
import com.placebrain.devices.platform.config.MapConfig;
import com.placebrain.devices.platform.config.SettingsReader;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MqttAccessSettingsTest {

    private static MqttAccessSettings read(Map<String, String> values) {
        return SettingsReader.build(new MapConfig(values), MqttAccessSettings::read);
    }

    @Test
    void nothingSetMeansTheDocumentedDefaults() {
        MqttAccessSettings settings = read(Map.of());
        assertEquals(new MqttAccessSettings(Optional.empty(), "X-Devices-Hook-Secret", Optional.empty(), 300, 2000, 20, 5, 60,
                Optional.empty(), Optional.empty(), Optional.empty(), 5000), settings);
    }

    @Test
    void whatADeploymentSetsIsRead() {
        MqttAccessSettings settings = read(Map.ofEntries(
                Map.entry(MqttAccessSettings.HOOK_SECRET, "hook-secret"),
                Map.entry(MqttAccessSettings.HOOK_SECRET_HEADER, "X-Emqx-Secret"),
                Map.entry(MqttAccessSettings.COLLECTOR_SECRET, "collector"),
                Map.entry(MqttAccessSettings.AUTH_CACHE_TTL_SECONDS, "0"),
                Map.entry(MqttAccessSettings.AUTH_LOCAL_MAX_AGE_MS, "0"),
                Map.entry(MqttAccessSettings.BCRYPT_PER_USERNAME, "40"),
                Map.entry(MqttAccessSettings.BCRYPT_PER_SOURCE, "10"),
                Map.entry(MqttAccessSettings.BCRYPT_WINDOW_SECONDS, "120"),
                Map.entry(MqttAccessSettings.EMQX_API_URL, "http://emqx:18083"),
                Map.entry(MqttAccessSettings.EMQX_API_KEY, "devices"),
                Map.entry(MqttAccessSettings.EMQX_API_SECRET, "api-secret"),
                Map.entry(MqttAccessSettings.EMQX_API_TIMEOUT_MS, "2000")));
        assertEquals(new MqttAccessSettings(Optional.of("hook-secret"), "X-Emqx-Secret", Optional.of("collector"), 0, 0, 40, 10,
                120, Optional.of(URI.create("http://emqx:18083")), Optional.of("devices"), Optional.of("api-secret"), 2000),
                settings);
        assertFalse(settings.toString().contains("secret\""), settings.toString());
        assertFalse(settings.toString().contains("hook-secret"), settings.toString());
        assertFalse(settings.toString().contains("api-secret"), settings.toString());
    }

    @Test
    void aBlankSecretIsNoSecret() {
        MqttAccessSettings settings = read(Map.of(MqttAccessSettings.HOOK_SECRET, " ", MqttAccessSettings.COLLECTOR_SECRET, ""));
        assertEquals(Optional.empty(), settings.hookSecret());
        assertEquals(Optional.empty(), settings.collectorSecret());
    }

    @Test
    void everyBadValueIsNamed() {
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class, () -> read(Map.of(
                MqttAccessSettings.HOOK_SECRET_HEADER, "X Secret",
                MqttAccessSettings.AUTH_CACHE_TTL_SECONDS, "86401",
                MqttAccessSettings.AUTH_LOCAL_MAX_AGE_MS, "10001",
                MqttAccessSettings.BCRYPT_PER_USERNAME, "0",
                MqttAccessSettings.BCRYPT_PER_SOURCE, "five",
                MqttAccessSettings.BCRYPT_WINDOW_SECONDS, "-60",
                MqttAccessSettings.EMQX_API_URL, "emqx:18083",
                MqttAccessSettings.EMQX_API_TIMEOUT_MS, "0")));
        String message = error.getMessage();
        for (String key : new String[] {MqttAccessSettings.HOOK_SECRET_HEADER, MqttAccessSettings.AUTH_CACHE_TTL_SECONDS,
                MqttAccessSettings.AUTH_LOCAL_MAX_AGE_MS,
                MqttAccessSettings.BCRYPT_PER_USERNAME, MqttAccessSettings.BCRYPT_PER_SOURCE,
                MqttAccessSettings.BCRYPT_WINDOW_SECONDS, MqttAccessSettings.EMQX_API_URL,
                MqttAccessSettings.EMQX_API_TIMEOUT_MS}) {
            assertTrue(message.contains(key + " is invalid"), key + " in " + message);
        }
        assertThrows(InvalidSettingsException.class, () -> read(Map.of(MqttAccessSettings.AUTH_CACHE_TTL_SECONDS, "-1")));
        assertThrows(InvalidSettingsException.class, () -> read(Map.of(MqttAccessSettings.EMQX_API_URL, "ftp://emqx")));
    }
}

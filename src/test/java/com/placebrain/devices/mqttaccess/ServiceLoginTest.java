package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.config.InvalidSettingsException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service's own MQTT login as configured, and what start-up says about it and the collector's secret. */
class ServiceLoginTest {

    private static ServiceLogin login(String username, String password) {
        return new ServiceLogin(AccessWiring.mqttLogin(username, password));
    }

    @Test
    void existsOnlyWithBothAUsernameAndAPassword() {
        assertEquals(Optional.of(new MqttIdentity.Service("devices-service")), login("devices-service", "pw").identity());
        assertEquals(Optional.empty(), login("devices-service", null).identity());
        assertEquals(Optional.empty(), login(null, "pw").identity());
        assertEquals(Optional.empty(), login(null, null).identity());
    }

    @Test
    void matchesOnlyTheConfiguredPassword() {
        ServiceLogin login = login("devices-service", AccessWiring.SERVICE_PASSWORD);
        assertTrue(login.matches(AccessWiring.SERVICE_PASSWORD));
        assertFalse(login.matches(AccessWiring.SERVICE_PASSWORD.substring(1)));
        assertFalse(login.matches(""));
        assertFalse(login.matches(null));
        assertFalse(login("devices-service", null).matches(""));
        assertFalse(login("devices-service", null).matches(null));
    }

    /** These names already mean the collector or a device or user: the service would never be judged as itself. */
    @ParameterizedTest
    @ValueSource(strings = {"collector", "collector:x", "device:{D1}", "device:abc", "device", "user:{U1}", "user:"})
    void refusesToStartWithAUsernameOfOurSchemes(String username) {
        String configured = TestWorld.expand(username);
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class,
                () -> login(configured, "pw").checkAtStartup(null));

        assertTrue(refused.getMessage().contains("devices.mqtt.username is invalid"), refused.getMessage());
        assertFalse(refused.getMessage().contains(TestWorld.D1.toString()), "the value is not echoed");
    }

    @Test
    void startsWithAForeignUsernameOrNone() {
        assertDoesNotThrow(() -> login("devices-service", "pw").checkAtStartup(null));
        assertDoesNotThrow(() -> login("Collector", "pw").checkAtStartup(null));
        assertDoesNotThrow(() -> login(null, null).checkAtStartup(null));
    }

    @Test
    void warnsWhenTheUsernameHasNoPassword() {
        try (LogCapture log = new LogCapture(ServiceLogin.class)) {
            login("devices-service", "pw").checkAtStartup(null);
            login(null, null).checkAtStartup(null);
            assertEquals(List.of(), log.at(Level.WARNING));

            login("devices-service", null).checkAtStartup(null);
            assertEquals(1, log.at(Level.WARNING).size());
            assertTrue(log.at(Level.WARNING).get(0).contains("devices.mqtt.password is not"), log.at(Level.WARNING).toString());
        }
    }

    @Test
    void aStartWithoutACollectorSecretWarnsThatThePlatformsCollectorWillBeRefused() {
        try (LogCapture log = new LogCapture(CollectorSecret.class)) {
            collector(AccessWiring.COLLECTOR_SECRET).warnIfUnset(null);
            assertEquals(List.of(), log.at(Level.WARNING));

            collector(null).warnIfUnset(null);
            collector("").warnIfUnset(null);

            List<String> warnings = log.at(Level.WARNING);
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("devices.mqtt.collector-secret is not set"), warnings.get(0));
            assertTrue(warnings.get(0).contains("the platform's collector"), warnings.get(0));
            assertTrue(warnings.get(0).contains("will be refused"), warnings.get(0));
        }
    }

    private static CollectorSecret collector(String secret) {
        Map<String, String> values = new HashMap<>();
        values.put(MqttAccessSettings.COLLECTOR_SECRET, secret);
        return new CollectorSecret(AccessWiring.accessSettings(values));
    }
}

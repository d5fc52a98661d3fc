package com.placebrain.devices.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformVariablesTest {

    @Test
    void theVariablesOfThePythonServicesEnvExampleBecomeOurKeys() {
        // DATABASE__URL is Liberty's to read (DatabaseAddress): it provides no key here.
        PlatformVariables source = new PlatformVariables(Map.of(
                "DATABASE__URL", "postgresql+asyncpg://backend:change-me@placebrain-database:5432/devices_db",
                "REDIS__URL", "redis://placebrain-redis:6379/0",
                "KAFKA__URL", "placebrain-kafka:19092",
                "MQTT__URL", "mqtt://placebrain-emqx:1883"));
        assertEquals(Map.of(
                "devices.redis.url", "redis://placebrain-redis:6379/0",
                "devices.kafka.bootstrap.servers", "placebrain-kafka:19092",
                "devices.mqtt.url", "mqtt://placebrain-emqx:1883"), source.getProperties());
    }

    @Test
    void mqttCredentialsInTheUrlBecomeTheServicesLoginAndLeaveTheUrl() {
        PlatformVariables source = new PlatformVariables(Map.of("MQTT__URL", "mqtts://svc:s%40cret@broker:8883"));
        assertEquals("mqtts://broker:8883", source.getValue("devices.mqtt.url"));
        assertEquals("svc", source.getValue("devices.mqtt.username"));
        assertEquals("s@cret", source.getValue("devices.mqtt.password"));
    }

    @Test
    void unsetOrBlankVariablesProvideNothing() {
        Map<String, String> environment = new HashMap<>();
        environment.put("REDIS__URL", " ");
        assertTrue(new PlatformVariables(environment).getProperties().isEmpty());
    }

    @Test
    void anUnreadableVariableStopsStartUpNamedAsTheOperatorSetItWithoutItsValue() {
        PlatformVariables platform = new PlatformVariables(Map.of(
                "REDIS__URL", "http://t0p-secret@redis",
                "KAFKA__URL", "kafka-without-port",
                "MQTT__URL", "ws://user:t0p-secret@broker:8083"));
        Map<String, String> values = new HashMap<>(platform.getProperties());
        values.put("DATABASE__URL", "mysql://root:t0p-secret@db/devices_db");
        values.put("devices.redis.timeout-ms", "2000");
        values.put("devices.grpc.port", "50053");
        values.put("devices.health.timeout-ms", "2000");
        MapConfig config = new MapConfig(values, List.of(platform));

        String message = assertThrows(InvalidSettingsException.class,
                () -> SettingsReader.build(config, ServiceSettings::read)).getMessage();
        for (String variable : List.of("REDIS__URL", "KAFKA__URL", "MQTT__URL", "DATABASE__URL")) {
            assertTrue(message.contains(variable + " is invalid"), message);
        }
        assertFalse(message.contains("devices.redis.url is") || message.contains("devices.mqtt.url is")
                || message.contains("devices.kafka.bootstrap.servers is"), message);
        assertFalse(message.contains("t0p-secret"), message);
    }

    @Test
    void ourOwnKeyIsNamedWhenItsValueIsOurs() {
        PlatformVariables platform = new PlatformVariables(Map.of("KAFKA__URL", "placebrain-kafka:19092"));
        Map<String, String> values = new HashMap<>(Map.of(
                "devices.redis.url", "redis://127.0.0.1:6379/0",
                "devices.redis.timeout-ms", "2000",
                "devices.kafka.bootstrap.servers", "no-port",
                "devices.mqtt.url", "mqtt://127.0.0.1:1883",
                "devices.grpc.port", "50053",
                "devices.health.timeout-ms", "2000"));
        SettingsReader reader = new SettingsReader(new MapConfig(values, List.of(platform)));
        ServiceSettings settings = ServiceSettings.read(reader);
        String message = String.join("; ", reader.problems());
        assertTrue(message.contains("devices.kafka.bootstrap.servers is invalid"), message);
        assertEquals("tcp://127.0.0.1:1883", settings.mqttUrl(), "Paho's name of the mqtt scheme");
    }
}

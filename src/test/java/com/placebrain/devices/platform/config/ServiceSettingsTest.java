package com.placebrain.devices.platform.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {

    private static Map<String, String> valid() {
        Map<String, String> values = new HashMap<>();
        values.put("devices.db.url", "jdbc:postgresql://127.0.0.1:5432/devices_db");
        values.put("devices.redis.url", "redis://127.0.0.1:6379/0");
        values.put("devices.redis.timeout-ms", "2000");
        values.put("devices.kafka.bootstrap.servers", "127.0.0.1:9092,kafka-2:9092");
        values.put("devices.mqtt.url", "tcp://127.0.0.1:1883");
        values.put("devices.grpc.port", "50053");
        values.put("devices.health.timeout-ms", "2000");
        values.put("devices.emqx.hook-max-body-bytes", "16384");
        return values;
    }

    private static ServiceSettings settings(Map<String, String> values) {
        return SettingsReader.build(new MapConfig(values), ServiceSettings::read);
    }

    @Test
    void defaultsOfTheLocalStackAreValid() {
        assertDoesNotThrow(() -> settings(valid()));
    }

    @Test
    void everyMissingOrInvalidSettingIsNamed() {
        Map<String, String> values = valid();
        values.remove("devices.redis.url");
        values.put("devices.kafka.bootstrap.servers", "no-port");
        values.put("devices.mqtt.url", "http://broker");
        values.put("devices.db.url", "postgresql://db/devices_db");
        values.put("devices.emqx.hook-max-body-bytes", "0");
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class, () -> settings(values));
        String message = error.getMessage();
        assertTrue(message.contains("devices.redis.url is missing"), message);
        assertTrue(message.contains("devices.kafka.bootstrap.servers is invalid"), message);
        assertTrue(message.contains("devices.mqtt.url is invalid"), message);
        assertTrue(message.contains("devices.db.url is invalid"), message);
        assertTrue(message.contains("devices.emqx.hook-max-body-bytes is invalid"), message);
        assertFalse(message.contains("devices.health.timeout-ms"), message);
    }

    @Test
    void invalidValuesAreNotEchoedBecauseTheyMayHoldSecrets() {
        Map<String, String> values = valid();
        values.put("devices.redis.url", "http://user:s3cret-pass@redis:6379");
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class, () -> settings(values));
        assertFalse(error.getMessage().contains("s3cret-pass"), error.getMessage());
    }

    @Test
    void eachReplicaGetsItsOwnMqttClientIdUnlessOneIsSet() {
        ServiceSettings replicaA = settings(valid());
        ServiceSettings replicaB = settings(valid());
        assertTrue(replicaA.mqttClientId().startsWith("devices-service-"), replicaA.mqttClientId());
        assertEquals(replicaA.mqttClientId(), replicaA.mqttClientId());
        assertNotEquals(replicaA.mqttClientId(), replicaB.mqttClientId());
        Map<String, String> values = valid();
        values.put("devices.mqtt.client-id", "devices-a");
        assertEquals("devices-a", settings(values).mqttClientId());
    }
}

package com.placebrain.devices.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.config.InvalidSettingsException;
import com.placebrain.devices.platform.config.MapConfig;
import com.placebrain.devices.platform.config.SettingsReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    private static KafkaSettings read(Map<String, String> values) {
        return SettingsReader.build(new MapConfig(values), KafkaSettings::read);
    }

    @Test
    void theConnectorsConnectionPropertiesAreEveryClientsAndNothingElse() {
        String connector = "mp.messaging.connector.liberty-kafka.";
        KafkaSettings settings = read(Map.of(
                connector + "bootstrap.servers", "kafka-1:9093,kafka-2:9093",
                connector + "security.protocol", "SASL_SSL",
                connector + "sasl.mechanism", "SCRAM-SHA-512",
                connector + "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                connector + "ssl.truststore.location", "/etc/kafka/truststore.p12",
                connector + "group.id", "devices-service",
                connector + "auto.offset.reset", "earliest",
                connector + "ssl.unknown-property", "ignored"));
        assertEquals(Map.of("bootstrap.servers", "kafka-1:9093,kafka-2:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/kafka/truststore.p12"), settings.connection());
        assertEquals("kafka-1:9093,kafka-2:9093", settings.bootstrapServers());
    }

    @Test
    void badConnectionSettingsStopStartUpNamingTheirKeys() {
        String message = assertThrows(InvalidSettingsException.class, () -> read(Map.of(
                "mp.messaging.connector.liberty-kafka.security.protocol", "TLS"))).getMessage();
        assertTrue(message.contains("mp.messaging.connector.liberty-kafka.bootstrap.servers is missing"), message);
        assertTrue(message.contains("mp.messaging.connector.liberty-kafka.security.protocol is invalid"), message);

        message = assertThrows(InvalidSettingsException.class, () -> read(Map.of(
                "mp.messaging.connector.liberty-kafka.bootstrap.servers", "kafka-without-port"))).getMessage();
        assertTrue(message.contains("mp.messaging.connector.liberty-kafka.bootstrap.servers is invalid"), message);
    }
}

package com.placebrain.devices.platform.kafka;

import com.placebrain.devices.platform.config.ServiceSettings;
import com.placebrain.devices.platform.config.SettingsReader;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * How every Kafka client of the service reaches the brokers: the connection properties of
 * Liberty's Kafka connector, {@code mp.messaging.connector.liberty-kafka.} followed by
 * {@code bootstrap.servers}, {@code security.protocol}, {@code security.providers}, or any
 * {@code sasl.*} or {@code ssl.*} client property. The connector hands them to the consumed
 * channels, {@link KafkaClients} to every client the service builds itself, so brokers, TLS and
 * SASL are configured once. The connector's other properties (group, deserializers, offset reset)
 * are the channels' alone.
 *
 * @param connection client property name to value, {@code bootstrap.servers} always among them
 */
public record KafkaSettings(Map<String, String> connection) {

    public static final String CONNECTOR = "mp.messaging.connector.liberty-kafka.";
    public static final String BOOTSTRAP_SERVERS = CONNECTOR + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String SECURITY_PROTOCOL = CONNECTOR + CommonClientConfigs.SECURITY_PROTOCOL_CONFIG;

    public KafkaSettings {
        connection = Map.copyOf(connection);
    }

    public static KafkaSettings read(SettingsReader reader) {
        Map<String, String> connection = new TreeMap<>();
        String bootstrap = reader.required(BOOTSTRAP_SERVERS, ServiceSettings::isHostPortList,
                "a comma-separated host:port list");
        if (bootstrap != null) {
            connection.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }
        reader.optional(SECURITY_PROTOCOL, SecurityProtocol.names()::contains, "one of " + SecurityProtocol.names())
                .ifPresent(protocol -> connection.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol));
        for (String name : AdminClientConfig.configNames()) {
            if (name.startsWith("sasl.") || name.startsWith("ssl.") || name.equals("security.providers")) {
                reader.optional(CONNECTOR + name).ifPresent(value -> connection.put(name, value));
            }
        }
        return new KafkaSettings(connection);
    }

    public String bootstrapServers() {
        return connection.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }
}

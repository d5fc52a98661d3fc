package com.placebrain.devices.platform.kafka;

import com.placebrain.devices.platform.config.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** A Kafka admin client, used to tell whether the brokers answer. */
@ApplicationScoped
public class KafkaAdminProducer {

    // @Singleton, not @ApplicationScoped: a client proxy would construct a throw-away client.
    @Produces
    @Singleton
    Admin admin(ServiceSettings settings) {
        int timeout = settings.healthTimeoutMillis();
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "devices-service-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
    }

    void close(@Disposes Admin admin) {
        admin.close(Duration.ofSeconds(2));
    }
}

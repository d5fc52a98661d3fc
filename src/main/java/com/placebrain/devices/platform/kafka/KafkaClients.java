package com.placebrain.devices.platform.kafka;

import com.placebrain.devices.platform.config.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds every Kafka client the service makes itself (the consumed channels are the connector's):
 * the connection settings of {@link KafkaSettings}, then what the use adds.
 */
@ApplicationScoped
public class KafkaClients {

    private KafkaSettings kafka;
    private ServiceSettings settings;

    @Inject
    public KafkaClients(KafkaSettings kafka, ServiceSettings settings) {
        this.kafka = kafka;
        this.settings = settings;
    }

    /** For CDI's client proxy. */
    protected KafkaClients() {
    }

    /**
     * Every producer of ours waits for all in-sync replicas and is idempotent: an acknowledged
     * record is kept, and the producer's own retries do not write it twice. It keeps one request in
     * flight, so a key's records are written in the order sent: with more, a broker that has just
     * restarted can refuse a partition's first request (NOT_LEADER_OR_FOLLOWER) yet append the next,
     * as it holds no sequence for a new producer, and the first is written after it (KAFKA-15591;
     * OutboxKafkaDownIT saw a sensor's fourth threshold.created arrive before its first three).
     */
    public Producer<String, String> producer(String clientId, Map<String, Object> use) {
        Map<String, Object> config = config(clientId, use);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    public Consumer<String, String> consumer(String clientId, Map<String, Object> use) {
        return new KafkaConsumer<>(config(clientId, use), new StringDeserializer(), new StringDeserializer());
    }

    /** The brokers, as the readiness check names them. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * The admin client (are the brokers there; the dead-letter topic), bounded by the readiness
     * probe's timeout. {@code @Singleton}, not {@code @ApplicationScoped}: a client proxy would
     * construct a throw-away client.
     */
    @Produces
    @Singleton
    Admin admin() {
        int timeout = settings.healthTimeoutMillis();
        return Admin.create(config("devices-service-admin", Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000)));
    }

    void close(@Disposes Admin admin) {
        admin.close(Duration.ofSeconds(2));
    }

    private Map<String, Object> config(String clientId, Map<String, Object> use) {
        Map<String, Object> config = new HashMap<>(kafka.connection());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        config.putAll(use);
        return config;
    }
}

package com.placebrain.devices.events.inbound;

import com.placebrain.devices.platform.config.ServiceSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Forwards records that can never be processed to {@code devices-service.dlq}, raw, with why. */
@ApplicationScoped
public class DeadLetters {

    public static final String TOPIC = "devices-service.dlq";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    @Inject
    ServiceSettings settings;

    private KafkaProducer<String, String> producer;

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers(),
                    ProducerConfig.CLIENT_ID_CONFIG, "devices-service-dlq",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** Returns once the DLQ holds the record, so its offset may then be committed. */
    public void forward(ConsumerRecord<String, String> record, String reason)
            throws ExecutionException, InterruptedException, TimeoutException {
        LOG.warning(() -> "Poison record " + record.topic() + "/" + record.partition() + "@" + record.offset()
                + ": " + reason + "; forwarded to " + TOPIC);
        ProducerRecord<String, String> dead = new ProducerRecord<>(TOPIC, record.key(), record.value());
        record.headers().forEach(h -> dead.headers().add(h));
        dead.headers().add("dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dlq-source", (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        producer().send(dead).get(30, TimeUnit.SECONDS);
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}

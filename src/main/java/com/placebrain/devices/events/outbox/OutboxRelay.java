package com.placebrain.devices.events.outbox;

import com.placebrain.devices.platform.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and deletes each row only after the
 * broker acknowledged it. When Kafka is away the rows wait and the API keeps working.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    OutboxBatches batches;

    @Inject
    KafkaClients kafka;

    @Inject
    OutboxSettings settings;

    @Inject
    OutboxMetrics metrics;

    private volatile Producer<String, String> producer;
    private ScheduledFuture<?> task;
    private volatile boolean brokerWasDown;

    public void start() {
        metrics.register();
        producer = newProducer();
        int pollMillis = settings.pollMillis();
        task = scheduler.scheduleWithFixedDelay(this::drain, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Outbox relay started (every " + pollMillis + " ms)");
    }

    private Producer<String, String> newProducer() {
        return kafka.producer("devices-service-outbox", Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.LINGER_MS_CONFIG, 5));
    }

    /**
     * After a failed pass the rows it held are published again, so records the producer still
     * holds must not go out later on their own: they are aborted with the producer.
     */
    private synchronized void replaceProducer(Producer<String, String> failed) {
        failed.close(Duration.ZERO);
        if (producer == failed) {
            producer = newProducer();
        }
    }

    /** Publishes batches until the outbox is empty, another replica holds it, or Kafka fails. */
    public void drain() {
        Producer<String, String> current = producer;
        if (current == null) {
            return;
        }
        try {
            OutboxBatches.Pass pass;
            do {
                pass = batches.publishNextBatch(current);
                metrics.published(pass.published());
            } while (pass.failure() == null && pass.published() > 0);
            if (pass.failure() != null) {
                metrics.failed();
                replaceProducer(current);
                if (!brokerWasDown) {
                    brokerWasDown = true;
                    String reason = pass.failure().toString();
                    LOG.warning(() -> "Outbox relay: Kafka did not acknowledge (" + reason
                            + "); events wait in the outbox and are retried");
                }
            } else if (brokerWasDown) {
                brokerWasDown = false;
                LOG.info("Outbox relay: Kafka is back, publishing resumed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox relay pass failed; retrying", e);
        }
    }

    /** Idempotent; called when the application begins to stop, before JPA goes away. */
    @PreDestroy
    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}

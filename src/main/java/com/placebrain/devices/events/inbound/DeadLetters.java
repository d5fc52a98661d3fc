package com.placebrain.devices.events.inbound;

import com.placebrain.devices.platform.config.ServiceSettings;
import com.placebrain.devices.platform.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Forwards records that can never be processed to {@code devices-service.dlq}, raw, with why.
 *
 * <p>The platform's Kafka creates exactly its own topics and has auto-creation off (CONTRACT §7),
 * so the topic is created here (admin API) at start-up and whenever it turns out to be missing.
 * A dead letter must never stall its partition: when the broker answers but the record still
 * cannot be written (topic missing and not creatable, not authorised, record too large), the
 * record is logged at SEVERE (where it was, why, key and the start of its value) and given up.
 * Only a broker that does not answer makes {@link #forward} throw, so the record is retried.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String TOPIC = "devices-service.dlq";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());
    /** Enough of a value to recognise it in the log, not enough to flood it. */
    static final int EXCERPT_CHARS = 300;
    private static final int SEND_TIMEOUT_MS = 20_000;

    @Inject
    ServiceSettings settings;

    @Inject
    Admin admin;

    @Inject
    KafkaClients kafka;

    @Resource
    ManagedExecutorService executor;

    private Producer<String, String> producer;
    private volatile boolean topicExists;
    private final AtomicLong notKept = new AtomicLong();

    /** In the background: a broker that is away must not hold up the start. */
    void createTopicAtStartup(@Observes Startup event) {
        executor.execute(() -> {
            try {
                ensureTopic().ifPresent(why -> LOG.severe(() -> "Dead-letter topic " + TOPIC
                        + " is missing and cannot be created (" + why + "): poison records will only be logged"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.warning(() -> "Dead-letter topic " + TOPIC + " not checked (" + cause(e).getMessage()
                        + "); checked again with the first poison record");
            }
        });
    }

    /**
     * Returns once the DLQ holds the record, or once it is logged because the DLQ cannot take it;
     * either way its offset may then be committed. Throws while Kafka does not answer.
     */
    public void forward(ConsumerRecord<String, String> record, String reason)
            throws ExecutionException, InterruptedException, TimeoutException {
        Optional<String> topicMissing = ensureTopic();
        if (topicMissing.isPresent()) {
            notKept(record, reason, topicMissing.get());
            return;
        }
        ProducerRecord<String, String> dead = new ProducerRecord<>(TOPIC, record.key(), record.value());
        record.headers().forEach(h -> dead.headers().add(h));
        dead.headers().add("dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dlq-source", InboundProcessing.where(record).getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(dead).get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                // Broker away, or the topic deleted since it was checked: look again on the retry.
                topicExists = false;
                throw e;
            }
            notKept(record, reason, describe(e.getCause()));
            return;
        }
        LOG.warning(() -> "Poison record " + InboundProcessing.where(record) + ": " + reason + "; forwarded to " + TOPIC);
    }

    /**
     * Empty once the topic exists (found or created); else why it cannot be created although the
     * broker answered. Throws when the broker does not answer.
     */
    private Optional<String> ensureTopic() throws ExecutionException, InterruptedException, TimeoutException {
        if (topicExists) {
            return Optional.empty();
        }
        long timeout = settings.healthTimeoutMillis() + 500L;
        try {
            admin.describeTopics(List.of(TOPIC)).allTopicNames().get(timeout, TimeUnit.MILLISECONDS);
            topicExists = true;
            return Optional.empty();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                if (e.getCause() instanceof RetriableException) {
                    throw e;
                }
                return Optional.of(describe(e.getCause()));
            }
        }
        try {
            // The broker's defaults for partitions and replication, as for the platform's own topics.
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.empty(), Optional.empty())))
                    .all().get(timeout, TimeUnit.MILLISECONDS);
            LOG.info(() -> "Created the dead-letter topic " + TOPIC);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                throw e;
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                return Optional.of(describe(e.getCause()));
            }
        }
        topicExists = true;
        return Optional.empty();
    }

    private void notKept(ConsumerRecord<String, String> record, String reason, String why) {
        long count = notKept.incrementAndGet();
        LOG.severe(() -> "Poison record " + InboundProcessing.where(record) + " (" + reason + ") could not be written to "
                + TOPIC + " (" + why + "); acknowledged without a copy (" + count + " since start): key="
                + excerpt(record.key()) + " value=" + excerpt(record.value()));
    }

    /** The start of a text, control characters escaped so a record cannot forge log lines. */
    static String excerpt(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        int end = Math.min(text.length(), EXCERPT_CHARS);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (text.length() > end) {
            out.append("… (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static Throwable cause(Exception e) {
        return e.getCause() != null ? e.getCause() : e;
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            producer = kafka.producer("devices-service-dlq", Map.of(
                    // A missing topic must not block a consumer thread for the default minute.
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000));
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}

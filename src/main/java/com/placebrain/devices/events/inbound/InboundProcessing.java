package com.placebrain.devices.events.inbound;

import com.placebrain.devices.platform.errors.DependencyFailures;
import com.placebrain.devices.platform.errors.ServiceException;
import com.placebrain.devices.platform.kafka.PoisonRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * At-least-once handling of one consumed record: the effect is made durable before the message
 * is acknowledged (and so its offset committed). A record that can never succeed goes to the
 * DLQ and is acknowledged, so it never stalls its partition; while Redis or PostgreSQL is away
 * the record is retried instead, with backoff.
 */
@ApplicationScoped
public class InboundProcessing {

    private static final Logger LOG = Logger.getLogger(InboundProcessing.class.getName());
    private static final int ATTEMPTS_BEFORE_DLQ = 3;
    static final long INITIAL_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 5_000;

    @Inject
    DeadLetters deadLetters;

    @Inject
    InboundMetrics metrics;

    @SuppressWarnings("unchecked")
    public CompletionStage<Void> handle(Message<String> message, Consumer<ConsumerRecord<String, String>> handler) {
        try {
            processAlone(message.unwrap(ConsumerRecord.class), handler);
            return message.ack();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Returns once the record's effect is durable, or once it is in the DLQ (or logged, see
     * {@link DeadLetters}); retries while a dependency is away. The caller acknowledges it.
     */
    public void processAlone(ConsumerRecord<String, String> record, Consumer<ConsumerRecord<String, String>> handler)
            throws InterruptedException {
        long backoff = INITIAL_BACKOFF_MS;
        int unexpectedFailures = 0;
        while (true) {
            try {
                process(record, handler, unexpectedFailures >= ATTEMPTS_BEFORE_DLQ);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!isInfrastructure(e) && ++unexpectedFailures == ATTEMPTS_BEFORE_DLQ) {
                    LOG.log(Level.SEVERE, "Record " + where(record) + " failed " + unexpectedFailures + " times", e);
                }
                metrics.retried(record.topic(), 1);
                String reason = e.getMessage();
                LOG.warning(() -> "Record " + where(record) + " not processed yet (" + reason + "); retrying");
                Thread.sleep(backoff);
                backoff = nextBackoff(backoff);
            }
        }
    }

    /** Doubled after each failed attempt, up to 5 s. */
    static long nextBackoff(long backoff) {
        return Math.min(backoff * 2, MAX_BACKOFF_MS);
    }

    private void process(ConsumerRecord<String, String> record, Consumer<ConsumerRecord<String, String>> handler,
                         boolean giveUp) throws Exception {
        if (giveUp) {
            deadLetter(record, "processing failed " + ATTEMPTS_BEFORE_DLQ + " times");
            return;
        }
        try {
            handler.accept(record);
            metrics.processed(record.topic(), 1);
        } catch (PoisonRecord poison) {
            deadLetter(record, poison.getMessage());
        } catch (ServiceException rejected) {
            if (rejected.kind() == ServiceException.Kind.UNAVAILABLE) {
                throw rejected;
            }
            deadLetter(record, rejected.getMessage());
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) throws Exception {
        deadLetters.forward(record, reason);
        metrics.deadLettered(record.topic());
    }

    /** A group of records of one topic made durable together ({@link RecordGroups}). */
    void processedTogether(String topic, int records) {
        metrics.processed(topic, records);
    }

    /** A group of records of one topic that a dependency's outage failed, retried whole. */
    void retriedTogether(String topic, int records) {
        metrics.retried(topic, records);
    }

    static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }

    /**
     * Failures of a dependency rather than of the record: retried as long as it takes, so that an
     * outage never sends valid events to the DLQ: a store out of service ({@link DependencyFailures}),
     * Kafka itself, a timeout.
     */
    static boolean isInfrastructure(Throwable failure) {
        if (DependencyFailures.unavailableStore(failure).isPresent()) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KafkaException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

}

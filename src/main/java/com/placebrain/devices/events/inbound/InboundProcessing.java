package com.placebrain.devices.events.inbound;

import com.placebrain.devices.platform.errors.DependencyFailures;
import com.placebrain.devices.platform.errors.ServiceException;
import com.placebrain.devices.platform.kafka.PoisonRecord;
import com.placebrain.devices.platform.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>With traces on (README "Tracing"), a record is processed in a CONSUMER span that continues
 * the trace of its headers, so what it causes (its database and Redis work, the outbox events it
 * writes) joins that trace; a group of records ({@link RecordGroups}) is one span linked to the
 * traces of its records, as OpenTelemetry's messaging conventions have it for batches.
 */
@ApplicationScoped
public class InboundProcessing {

    private static final Logger LOG = Logger.getLogger(InboundProcessing.class.getName());
    static final String INSTRUMENTATION = "com.placebrain.devices.kafka";
    /** OpenTelemetry's messaging attributes (semantic conventions 1.30). */
    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("messaging.batch.message_count");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
    /** The SDK's default limit of links a span keeps; reading the headers of more records would be work thrown away. */
    static final int MAX_LINKS = 128;
    private static final int ATTEMPTS_BEFORE_DLQ = 3;
    static final long INITIAL_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 5_000;

    @Inject
    DeadLetters deadLetters;

    @Inject
    InboundMetrics metrics;

    @Inject
    Tracing tracing;

    /** Empty while traces are off (and in tests that build this class by hand). */
    private Optional<Tracer> tracer = Optional.empty();
    private TextMapPropagator propagator;

    @PostConstruct
    void traces() {
        tracer = tracing.tracer(INSTRUMENTATION);
        propagator = tracing.propagator();
    }

    @SuppressWarnings("unchecked")
    public CompletionStage<Void> handle(Message<String> message, Consumer<ConsumerRecord<String, String>> handler) {
        ConsumerRecord<String, String> record = message.unwrap(ConsumerRecord.class);
        try {
            inSpan(recordSpan(record), () -> processAlone(record, handler));
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
                Span.current().addEvent("retry", Attributes.of(REASON, String.valueOf(reason)));
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
        Span.current().addEvent("dead-lettered", Attributes.of(REASON, reason, OFFSET, record.offset()));
        deadLetters.forward(record, reason);
        metrics.deadLettered(record.topic());
    }

    /** Work done in a span; it may wait (backoff). */
    @FunctionalInterface
    interface Work {
        void run() throws InterruptedException;
    }

    /** Runs the work with the span current (while traces are off there is none), and ends the span. */
    static void inSpan(Optional<Span> span, Work work) throws InterruptedException {
        if (span.isEmpty()) {
            work.run();
            return;
        }
        try (Scope ignored = span.get().makeCurrent()) {
            work.run();
        } catch (RuntimeException | InterruptedException e) {
            span.get().recordException(e);
            span.get().setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.get().end();
        }
    }

    /** The span of one record: a child of the trace its headers carry, or a new trace. */
    public Optional<Span> recordSpan(ConsumerRecord<String, String> record) {
        return tracer.map(t -> spanOf(t, record.topic())
                .setParent(propagator.extract(Context.root(), record.headers(), Tracing.KAFKA_HEADERS))
                .setAttribute(PARTITION, String.valueOf(record.partition()))
                .setAttribute(OFFSET, record.offset())
                .startSpan());
    }

    /** The span of a group of one topic's records: a new trace, linked to the traces the records carry. */
    public Optional<Span> groupSpan(List<ConsumerRecord<String, String>> records) {
        return tracer.map(t -> {
            SpanBuilder span = spanOf(t, records.getFirst().topic()).setNoParent()
                    .setAttribute(BATCH_SIZE, (long) records.size());
            int links = 0;
            for (int i = 0; i < records.size() && links < MAX_LINKS; i++) {
                SpanContext sender = Span.fromContext(propagator.extract(Context.root(), records.get(i).headers(),
                        Tracing.KAFKA_HEADERS)).getSpanContext();
                if (sender.isValid()) {
                    span.addLink(sender);
                    links++;
                }
            }
            return span.startSpan();
        });
    }

    private static SpanBuilder spanOf(Tracer tracer, String topic) {
        return tracer.spanBuilder("process " + topic)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(MESSAGING_OPERATION, "process")
                .setAttribute(DESTINATION, topic);
    }

    /** A group of records of one topic made durable together ({@link RecordGroups}). */
    public void processedTogether(String topic, int records) {
        metrics.processed(topic, records);
    }

    /** A group of records of one topic that a dependency's outage failed, retried whole. */
    public void retriedTogether(String topic, int records) {
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

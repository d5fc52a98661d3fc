package com.placebrain.devices.events.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.TestMetrics;
import com.placebrain.devices.platform.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Consumed records with traces on: a record's processing is a CONSUMER span continuing the trace
 * of its {@code traceparent} header, current while its handler runs (so the handler's work and the
 * outbox events it writes join that trace); a group is one span linked to its records' traces.
 */
class ConsumerTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SENDER_SPAN_ID = "00f067aa0ba902b7";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    /** The span current in the handler or applier, each time it ran. */
    private final List<SpanContext> current = new CopyOnWriteArrayList<>();
    private RecordGroups<String> groups;

    @AfterEach
    void close() {
        if (groups != null) {
            groups.close();
        }
        sdk.close();
    }

    private InboundProcessing processing(OpenTelemetry openTelemetry) {
        InboundProcessing processing = new InboundProcessing();
        processing.deadLetters = new DeadLetters() {
            @Override
            public void forward(ConsumerRecord<String, String> record, String reason) {
                // kept nowhere: this test looks at spans
            }
        };
        processing.metrics = new InboundMetrics(new TestMetrics().registry);
        processing.tracing = new Tracing(openTelemetry);
        processing.traces();
        return processing;
    }

    @Test
    void aRecordIsProcessedInAConsumerSpanChildOfItsTraceparent() throws Exception {
        InboundProcessing processing = processing(sdk);
        Record record = new Record("places.place.deleted", 7, "00-" + TRACE_ID + "-" + SENDER_SPAN_ID + "-01");

        processing.handle(record, r -> current.add(Span.current().getSpanContext()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        SpanData span = exported.getFinishedSpanItems().getFirst();
        assertEquals(1, exported.getFinishedSpanItems().size());
        assertEquals("process places.place.deleted", span.getName());
        assertEquals(SpanKind.CONSUMER, span.getKind());
        assertEquals(TRACE_ID, span.getTraceId(), "the sender's trace");
        assertEquals(SENDER_SPAN_ID, span.getParentSpanId(), "the sender's span is the parent");
        assertEquals("kafka", span.getAttributes().get(InboundProcessing.MESSAGING_SYSTEM));
        assertEquals(7L, span.getAttributes().get(InboundProcessing.OFFSET));
        assertEquals(List.of(span.getSpanContext()), current, "the span is current in the handler");
        assertTrue(record.acked);
    }

    @Test
    void aRecordWithoutTraceStartsOneAndAPoisonRecordIsAnEventOfItsSpan() throws Exception {
        InboundProcessing processing = processing(sdk);

        processing.handle(new Record("places.member.added", 1, null), r -> {
            throw new com.placebrain.devices.platform.kafka.PoisonRecord("not JSON");
        }).toCompletableFuture().get(5, TimeUnit.SECONDS);

        SpanData span = exported.getFinishedSpanItems().getFirst();
        assertFalse(span.getParentSpanContext().isValid(), "a new trace");
        assertEquals("dead-lettered", span.getEvents().getFirst().getName());
    }

    @Test
    void aGroupIsOneSpanLinkedToTheTracesItsRecordsCarry() throws Exception {
        InboundProcessing processing = processing(sdk);
        groups = new RecordGroups<>("telemetry-status", new TelemetrySettings(2, 1_000), Thread::new,
                ForkJoinPool.commonPool(), processing, ConsumerRecord::value,
                items -> current.add(Span.current().getSpanContext()));
        Record traced = new Record("telemetry.status", 1, "00-" + TRACE_ID + "-" + SENDER_SPAN_ID + "-01");
        Record untraced = new Record("telemetry.status", 2, null);

        groups.offer(traced);
        groups.offer(untraced).toCompletableFuture().get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(traced.acked && untraced.acked) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertTrue(traced.acked && untraced.acked);
        SpanData span = exported.getFinishedSpanItems().getFirst();
        assertEquals("process telemetry.status", span.getName());
        assertNotEquals(TRACE_ID, span.getTraceId(), "a group is a trace of its own");
        assertEquals(2L, span.getAttributes().get(InboundProcessing.BATCH_SIZE));
        assertEquals(1, span.getLinks().size(), "one record carried a trace");
        assertEquals(TRACE_ID, span.getLinks().getFirst().getSpanContext().getTraceId());
        assertEquals(SENDER_SPAN_ID, span.getLinks().getFirst().getSpanContext().getSpanId());
        assertEquals(List.of(span.getSpanContext()), current, "the span is current in the applier");
    }

    @Test
    void withTracesOffNoSpanIsCurrent() throws Exception {
        InboundProcessing processing = processing(OpenTelemetry.noop());

        processing.handle(new Record("places.member.added", 1, "00-" + TRACE_ID + "-" + SENDER_SPAN_ID + "-01"),
                r -> current.add(Span.current().getSpanContext())).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertFalse(current.getFirst().isValid());
        assertTrue(exported.getFinishedSpanItems().isEmpty());
    }

    /** A consumed record as the connector hands it over, with or without a traceparent header. */
    private static final class Record implements Message<String> {
        final ConsumerRecord<String, String> record;
        volatile boolean acked;

        Record(String topic, long offset, String traceparent) {
            record = new ConsumerRecord<>(topic, 0, offset, "key", "value");
            if (traceparent != null) {
                record.headers().add(Tracing.TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
            }
        }

        @Override
        public String getPayload() {
            return record.value();
        }

        @Override
        public CompletionStage<Void> ack() {
            acked = true;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public <C> C unwrap(Class<C> type) {
            return type.cast(record);
        }
    }
}

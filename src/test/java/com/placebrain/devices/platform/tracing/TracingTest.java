package com.placebrain.devices.platform.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * What the service's tracing rests on: traces on only with a working SDK, the traceparent an
 * outbox event keeps (the current span's, none without one), and a trace read from Kafka headers.
 */
class TracingTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theCurrentSpanIsWrittenAsAW3cTraceparent() {
        SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        Context context = Context.root().with(Span.wrap(span));

        assertEquals(TRACEPARENT, Tracing.traceparent(context));
    }

    @Test
    void withoutASpanThereIsNoTraceparent() {
        assertNull(Tracing.traceparent(Context.root()));
        assertNull(Tracing.traceparent(Context.current()));
    }

    @Test
    void aTracerOnlyWhenTheSdkMakesSpans() {
        assertFalse(new Tracing(OpenTelemetry.noop()).tracer("x").isPresent(), "the SDK disabled: no tracer");
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().build()).build()) {
            assertTrue(new Tracing(sdk).tracer("x").isPresent());
        }
    }

    @Test
    void theLastOfARepeatedHeaderIsRead() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Tracing.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.US_ASCII));
        headers.add(Tracing.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.US_ASCII));
        headers.add("empty", null);

        assertEquals(TRACEPARENT, Tracing.KAFKA_HEADERS.get(headers, Tracing.TRACEPARENT));
        assertNull(Tracing.KAFKA_HEADERS.get(headers, "empty"));
        assertNull(Tracing.KAFKA_HEADERS.get(headers, "absent"));
        assertEquals(3, ((java.util.Collection<String>) Tracing.KAFKA_HEADERS.keys(headers)).size());
    }
}

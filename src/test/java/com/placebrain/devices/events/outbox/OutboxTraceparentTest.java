package com.placebrain.devices.events.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

/** The traceparent an outbox event keeps: the current span's, and none when no span is current (tracing off). */
class OutboxTraceparentTest {

    @Test
    void theCurrentSpanIsWrittenAsAW3cTraceparent() {
        SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        Context context = Context.root().with(Span.wrap(span));

        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", Outbox.traceparent(context));
    }

    @Test
    void withoutASpanThereIsNoTraceparent() {
        assertNull(Outbox.traceparent(Context.root()));
        assertNull(Outbox.traceparent(Context.current()));
    }
}

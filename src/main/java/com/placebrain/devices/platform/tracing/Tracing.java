package com.placebrain.devices.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The OpenTelemetry of Liberty's mpTelemetry feature, as the service uses it: traces are on only
 * when the SDK is (OTEL_SDK_DISABLED=false, README "Tracing"); while they are off,
 * {@link #tracer} is empty and callers skip the work of a span altogether.
 */
@ApplicationScoped
public class Tracing {

    /** OpenTelemetry's database attributes (semantic conventions 1.33), for PostgreSQL's and Redis' spans. */
    public static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    public static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");

    /** The W3C header, in gRPC metadata, HTTP and Kafka records, that carries a trace. */
    public static final String TRACEPARENT = "traceparent";

    /** Reads a record's headers as text, the last value of a repeated header winning as Kafka's own clients do. */
    public static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            for (Header header : carrier) {
                keys.add(header.key());
            }
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final boolean enabled;

    @Inject
    public Tracing(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.enabled = makesSpans(openTelemetry.getTracer(Tracing.class.getName()));
    }

    /** For CDI's client proxy only. */
    protected Tracing() {
        this.openTelemetry = OpenTelemetry.noop();
        this.enabled = false;
    }

    /**
     * Only a working SDK gives a span an id (even one it does not sample); the no-op tracer's spans
     * are all invalid. The probe is never ended, so never exported.
     */
    private static boolean makesSpans(Tracer tracer) {
        return tracer.spanBuilder("probe").setNoParent().startSpan().getSpanContext().isValid();
    }

    /** The tracer of one instrumentation, or empty while traces are off. */
    public Optional<Tracer> tracer(String instrumentation) {
        return enabled ? Optional.of(openTelemetry.getTracer(instrumentation)) : Optional.empty();
    }

    /** The configured propagators (W3C trace context and baggage unless OTEL_PROPAGATORS says otherwise). */
    public TextMapPropagator propagator() {
        return openTelemetry.getPropagators().getTextMapPropagator();
    }

    /**
     * Whether the caller works inside a trace (a call's, a hook request's, a consumed record's):
     * only then is its database and Redis work worth spans; background work (the outbox relay's
     * polls, metric gauges, readiness checks) would otherwise start a trace per query.
     */
    public static boolean inTrace() {
        return Span.current().getSpanContext().isValid();
    }

    /**
     * The W3C traceparent of the span current in the context, or null when there is none (with
     * traces off no span is ever current).
     */
    public static String traceparent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        String[] traceparent = new String[1];
        W3CTraceContextPropagator.getInstance().inject(context, traceparent, (carrier, key, value) -> {
            if (TRACEPARENT.equals(key)) {
                carrier[0] = value;
            }
        });
        return traceparent[0];
    }
}

package com.placebrain.devices.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.placebrain.devices.platform.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The statement spans as Hibernate drives them (the inspector sees the SQL as it is prepared, the
 * session's listener brackets its execution): a span per statement inside a trace, none outside
 * one, none with traces off.
 */
class StatementSpansTest {

    private static final String INSERT = "insert into thresholds (created_at,device_id,id) values (?,?,?)";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .build();
    private final StatementSpans.Inspector inspector = new StatementSpans.Inspector();
    private final StatementSpans.Listener session = new StatementSpans.Listener();

    @AfterEach
    void tracesOff() {
        started(OpenTelemetry.noop());
        sdk.close();
    }

    private static void started(OpenTelemetry openTelemetry) {
        StatementSpans spans = new StatementSpans();
        spans.tracing = new Tracing(openTelemetry);
        spans.start(null);
    }

    private void executeInsert() {
        inspector.inspect(INSERT);
        session.jdbcExecuteStatementStart();
        session.jdbcExecuteStatementEnd();
    }

    @Test
    void aStatementInsideATraceIsAClientSpanOfIt() {
        started(sdk);
        Span call = sdk.getTracer("test").spanBuilder("call").startSpan();
        try (Scope ignored = call.makeCurrent()) {
            executeInsert();
        } finally {
            call.end();
        }

        SpanData statement = exported.getFinishedSpanItems().getFirst();
        assertEquals("INSERT", statement.getName());
        assertEquals(SpanKind.CLIENT, statement.getKind());
        assertEquals(call.getSpanContext().getSpanId(), statement.getParentSpanId());
        assertEquals("postgresql", statement.getAttributes().get(Tracing.DB_SYSTEM));
        assertEquals(INSERT, statement.getAttributes().get(StatementSpans.DB_QUERY));
    }

    @Test
    void outsideATraceOrWithTracesOffNoSpan() {
        started(sdk);
        executeInsert();
        started(OpenTelemetry.noop());
        Span call = sdk.getTracer("test").spanBuilder("call").startSpan();
        try (Scope ignored = call.makeCurrent()) {
            executeInsert();
        } finally {
            call.end();
        }

        assertEquals(List.of("call"), exported.getFinishedSpanItems().stream().map(SpanData::getName).toList());
    }

    @Test
    void aStatementIsNamedByItsFirstKeyword() {
        assertEquals("WITH", StatementSpans.operation("\n  with d as (select 1) select * from d"));
        assertEquals("SELECT", StatementSpans.operation("select pg_try_advisory_xact_lock(?1)"));
        assertEquals("SQL", StatementSpans.operation("  "));
    }
}

package com.placebrain.devices.platform.persistence;

import com.placebrain.devices.platform.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.hibernate.SessionEventListener;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * With traces on (README "Tracing"), a CLIENT span per SQL statement run inside a trace (a gRPC
 * call's, a hook request's, a consumed record's; {@link Tracing#inTrace}), a child of its span:
 * named by the statement's first keyword ({@code SELECT}, {@code INSERT}, {@code WITH}), the
 * statement's text (parameters are always bound, so it holds no values) as {@code db.query.text}.
 * Hibernate's statements are seen through {@link Listener} and {@link Inspector} (persistence.xml);
 * plain JDBC reads go through {@link #executeQuery}.
 *
 * <p>Hibernate makes its listener and inspector itself, outside CDI: they find the tracer in a
 * static field, set once the application has started (null while traces are off).
 */
@ApplicationScoped
public class StatementSpans {

    static final String INSTRUMENTATION = "com.placebrain.devices.postgresql";
    /** More of OpenTelemetry's database attributes (semantic conventions 1.33; the shared ones: {@link Tracing}). */
    static final AttributeKey<String> DB_QUERY = AttributeKey.stringKey("db.query.text");
    /** Hibernate's longest statements (a batch insert of one entity) stay well under this. */
    private static final int MAX_QUERY_CHARS = 2_000;

    private static volatile Tracer tracer;
    /** The statement Hibernate last prepared on this thread: a session is used by one thread at a time. */
    private static final ThreadLocal<String> PREPARED = new ThreadLocal<>();

    @Inject
    Tracing tracing;

    void start(@Observes Startup started) {
        tracer = tracing.tracer(INSTRUMENTATION).orElse(null);
    }

    /** Runs a plain JDBC query in its span. */
    public static ResultSet executeQuery(PreparedStatement statement, String sql) throws SQLException {
        Span span = start(sql);
        if (span == null) {
            return statement.executeQuery();
        }
        try {
            return statement.executeQuery();
        } catch (SQLException | RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /** A started span for the statement, or null outside a trace or with traces off. */
    private static Span start(String sql) {
        Tracer current = tracer;
        if (current == null || sql == null || !Tracing.inTrace()) {
            return null;
        }
        String operation = operation(sql);
        return current.spanBuilder(operation)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(Tracing.DB_SYSTEM, "postgresql")
                .setAttribute(Tracing.DB_OPERATION, operation)
                .setAttribute(DB_QUERY, sql.length() > MAX_QUERY_CHARS ? sql.substring(0, MAX_QUERY_CHARS) : sql)
                .startSpan();
    }

    /** The statement's first keyword, upper case. */
    static String operation(String sql) {
        String trimmed = sql.strip();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return end == 0 ? "SQL" : trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }

    /** Remembers each statement Hibernate prepares (with traces on), for the span of its execution. */
    public static final class Inspector implements StatementInspector {
        @Override
        public String inspect(String sql) {
            if (tracer != null) {
                PREPARED.set(sql);
            }
            return sql;
        }
    }

    /** One per Hibernate session: a span around each statement or batch it executes. */
    public static final class Listener implements SessionEventListener {

        private transient Span running;

        @Override
        public void jdbcExecuteStatementStart() {
            running = start(PREPARED.get());
        }

        @Override
        public void jdbcExecuteStatementEnd() {
            endRunning();
        }

        @Override
        public void jdbcExecuteBatchStart() {
            running = start(PREPARED.get());
        }

        @Override
        public void jdbcExecuteBatchEnd() {
            endRunning();
        }

        /** The session's end: a statement whose end Hibernate did not report (it failed) ends here. */
        @Override
        public void end() {
            endRunning();
        }

        private void endRunning() {
            if (running != null) {
                running.end();
                running = null;
            }
        }
    }
}

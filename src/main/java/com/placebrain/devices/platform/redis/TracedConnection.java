package com.placebrain.devices.platform.redis;

import com.placebrain.devices.platform.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;

/**
 * A Redis connection that, with traces on (README "Tracing"), makes a CLIENT span per command
 * (named by it: {@code HGET}, {@code EVAL}) and one per pipeline (from its first command to
 * its answers, {@code PIPELINE}), children of the span current in the caller: a gRPC call's, a
 * hook request's, a consumed record's; outside a trace ({@link Tracing#inTrace}) none. The handshake commands of a new connection (AUTH, HELLO,
 * CLIENT SETNAME) are not traced: they run in Jedis' constructor, before this class has its
 * tracer. A connection is used by one thread at a time (the pool's rule), so its state needs no lock.
 */
final class TracedConnection extends Connection {

    static final String INSTRUMENTATION = "com.placebrain.devices.redis";
    /** More of OpenTelemetry's database attributes (semantic conventions 1.33; the shared ones: {@link Tracing}). */
    static final AttributeKey<Long> DB_BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final String PIPELINE = "PIPELINE";

    private final Tracer tracer;
    private final HostAndPort server;
    /** Set while {@link #executeCommand} sends its command, which is then not a pipeline's. */
    private boolean inCommand;
    private Span pipeline;
    private long pipelined;

    TracedConnection(JedisSocketFactory socket, JedisClientConfig client, HostAndPort server, Tracer tracer) {
        super(socket, client);
        this.server = server;
        this.tracer = tracer;
    }

    @Override
    public <T> T executeCommand(CommandObject<T> command) {
        if (tracer == null || !Tracing.inTrace()) {
            return super.executeCommand(command);
        }
        Span span = start(new String(command.getArguments().getCommand().getRaw(), StandardCharsets.US_ASCII));
        inCommand = true;
        try {
            return super.executeCommand(command);
        } catch (RuntimeException e) {
            failed(span, e);
            throw e;
        } finally {
            inCommand = false;
            span.end();
        }
    }

    @Override
    public void sendCommand(CommandArguments args) {
        if (tracer != null && !inCommand && (pipeline != null || Tracing.inTrace())) {
            if (pipeline == null) {
                pipeline = start(PIPELINE);
                pipelined = 0;
            }
            pipelined++;
        }
        super.sendCommand(args);
    }

    /** A pipeline's answers: its span ends with them. */
    @Override
    public List<Object> getMany(int count) {
        try {
            return super.getMany(count);
        } catch (RuntimeException e) {
            if (pipeline != null) {
                failed(pipeline, e);
            }
            throw e;
        } finally {
            endPipeline();
        }
    }

    /** Back to the pool: a pipeline given up before its answers ends here. */
    @Override
    public void close() {
        endPipeline();
        super.close();
    }

    private Span start(String operation) {
        return tracer.spanBuilder(operation)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(Tracing.DB_SYSTEM, "redis")
                .setAttribute(Tracing.DB_OPERATION, operation)
                .setAttribute(SERVER_ADDRESS, server.getHost())
                .setAttribute(SERVER_PORT, (long) server.getPort())
                .startSpan();
    }

    private void endPipeline() {
        if (pipeline != null) {
            pipeline.setAttribute(DB_BATCH_SIZE, pipelined);
            pipeline.end();
            pipeline = null;
        }
    }

    private static void failed(Span span, RuntimeException e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR);
    }
}

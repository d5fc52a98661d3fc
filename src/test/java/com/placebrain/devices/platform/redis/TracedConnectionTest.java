package com.placebrain.devices.platform.redis;

import com.placebrain.devices.platform.tracing.Tracing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

/**
 * The spans of the Redis client with traces on: one per command and one per pipeline, children of
 * the caller's span, none for a new connection's handshake. The server is a stand-in that reads
 * RESP commands and answers each {@code +OK}: what is tested is the client side's spans, not Redis.
 */
class TracedConnectionTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .build();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    /** The commands the stand-in received, by name, handshake included. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private JedisPooled redis;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.add(socket);
                    Thread answering = new Thread(() -> answerOk(socket));
                    answering.setDaemon(true);
                    answering.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2_000).socketTimeoutMillis(2_000).clientName("traced-test").build();
        redis = new JedisPooled(new RedisCircuit(60_000).provider(new HostAndPort("127.0.0.1", server.getLocalPort()),
                client, new ConnectionPoolConfig(), Optional.of(sdk.getTracer(TracedConnection.INSTRUMENTATION))));
    }

    @AfterEach
    void stop() throws IOException {
        redis.close();
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        sdk.close();
    }

    @Test
    void aCommandIsAClientSpanChildOfTheCallersSpan() {
        Span caller = sdk.getTracer("test").spanBuilder("call").startSpan();
        try (Scope ignored = caller.makeCurrent()) {
            redis.get("some-key");
        } finally {
            caller.end();
        }

        List<SpanData> spans = exported.getFinishedSpanItems();
        assertEquals(List.of("GET", "call"), spans.stream().map(SpanData::getName).toList(),
                "no span for the handshake: " + received);
        SpanData get = spans.getFirst();
        assertEquals(SpanKind.CLIENT, get.getKind());
        assertEquals(caller.getSpanContext().getSpanId(), get.getParentSpanId());
        assertEquals("redis", get.getAttributes().get(Tracing.DB_SYSTEM));
        assertEquals("GET", get.getAttributes().get(Tracing.DB_OPERATION));
        assertEquals((long) server.getLocalPort(), get.getAttributes().get(TracedConnection.SERVER_PORT));
        assertTrue(received.contains("CLIENT"), "the handshake did happen: " + received);
    }

    @Test
    void aPipelineIsOneSpanFromItsFirstCommandToItsAnswers() {
        Span caller = sdk.getTracer("test").spanBuilder("call").startSpan();
        try (Scope ignored = caller.makeCurrent()) {
            try (Pipeline pipeline = redis.pipelined()) {
                pipeline.set("a", "1");
                pipeline.set("b", "2");
                pipeline.expire("a", 10);
                pipeline.sync();
            }
            redis.set("c", "3");
        } finally {
            caller.end();
        }

        List<SpanData> spans = exported.getFinishedSpanItems();
        assertEquals(List.of("PIPELINE", "SET", "call"), spans.stream().map(SpanData::getName).toList());
        assertEquals(3L, spans.getFirst().getAttributes().get(TracedConnection.DB_BATCH_SIZE));
        assertEquals(caller.getSpanContext().getSpanId(), spans.getFirst().getParentSpanId());
    }

    @Test
    void workOutsideATraceMakesNoSpan() {
        redis.get("polled");
        try (Pipeline pipeline = redis.pipelined()) {
            pipeline.set("a", "1");
            pipeline.sync();
        }

        assertEquals(List.of(), exported.getFinishedSpanItems());
        assertTrue(received.containsAll(List.of("GET", "SET")), "the commands were sent: " + received);
    }

    /** Reads RESP arrays of bulk strings, answers each command {@code +OK}. */
    private void answerOk(Socket socket) {
        try (InputStream in = new BufferedInputStream(socket.getInputStream()); OutputStream out = socket.getOutputStream()) {
            while (true) {
                String header = line(in);
                if (header == null) {
                    return;
                }
                int parts = Integer.parseInt(header.substring(1));
                for (int i = 0; i < parts; i++) {
                    int length = Integer.parseInt(line(in).substring(1));
                    byte[] part = in.readNBytes(length + 2);
                    if (i == 0) {
                        received.add(new String(part, 0, length, StandardCharsets.US_ASCII));
                    }
                }
                out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | RuntimeException closed) {
            // the test is over
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}

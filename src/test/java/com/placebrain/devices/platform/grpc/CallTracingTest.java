package com.placebrain.devices.platform.grpc;

import com.placebrain.devices.platform.tracing.Tracing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CallTracing} on grpc-java's in-process transport, with the handler on a thread of its own
 * as in the service: the span it makes, its parent from the caller's {@code traceparent}, and the
 * span current in the handler.
 */
class CallTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";
    private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final ExecutorService handlers = Executors.newSingleThreadExecutor();
    /** What the handler saw as the current span. */
    private final AtomicReference<SpanContext> inHandler = new AtomicReference<>();
    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow();
        }
        handlers.shutdownNow();
        sdk.close();
    }

    @Test
    void aCallIsAServerSpanChildOfTheCallersTraceparentAndCurrentInTheHandler() throws Exception {
        HealthGrpc.HealthBlockingStub stub = start(new CallTracing(new Tracing(sdk))).withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(traceparent("00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01")));

        stub.check(HealthCheckRequest.getDefaultInstance());

        SpanData span = onlySpan();
        assertEquals("grpc.health.v1.Health/Check", span.getName());
        assertEquals(SpanKind.SERVER, span.getKind());
        assertEquals(TRACE_ID, span.getTraceId());
        assertEquals(CALLER_SPAN_ID, span.getParentSpanId());
        assertTrue(span.getParentSpanContext().isRemote());
        assertEquals("grpc", span.getAttributes().get(CallTracing.RPC_SYSTEM));
        assertEquals("grpc.health.v1.Health", span.getAttributes().get(CallTracing.RPC_SERVICE));
        assertEquals("Check", span.getAttributes().get(CallTracing.RPC_METHOD));
        assertEquals(0L, span.getAttributes().get(CallTracing.RPC_GRPC_STATUS_CODE));
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
        assertEquals(span.getSpanContext(), inHandler.get(), "the call's span is current in the handler (onHalfClose)");
    }

    @Test
    void aCallWithoutTraceparentStartsATraceOfItsOwn() throws Exception {
        start(new CallTracing(new Tracing(sdk))).check(HealthCheckRequest.getDefaultInstance());

        SpanData span = onlySpan();
        assertFalse(span.getParentSpanContext().isValid());
        assertTrue(span.getSpanContext().isValid());
        assertNotEquals(TRACE_ID, span.getTraceId());
    }

    @Test
    void aMalformedTraceparentIsIgnoredAndTheCallServed() throws Exception {
        start(new CallTracing(new Tracing(sdk))).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(traceparent("not-a-trace")))
                .check(HealthCheckRequest.getDefaultInstance());

        assertFalse(onlySpan().getParentSpanContext().isValid());
    }

    @Test
    void theStatusCodeIsRecordedAndAServerFaultMarksTheSpanFailed() throws Exception {
        HealthGrpc.HealthBlockingStub stub = start(new CallTracing(new Tracing(sdk)));

        StatusRuntimeException notFound = assertThrows(StatusRuntimeException.class,
                () -> stub.check(HealthCheckRequest.newBuilder().setService("missing").build()));
        assertEquals(Status.Code.NOT_FOUND, notFound.getStatus().getCode());
        SpanData span = onlySpan();
        assertEquals((long) Status.Code.NOT_FOUND.value(), span.getAttributes().get(CallTracing.RPC_GRPC_STATUS_CODE));
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode(), "the caller's mistake is not the server's fault");

        exported.reset();
        assertThrows(StatusRuntimeException.class,
                () -> stub.check(HealthCheckRequest.newBuilder().setService("broken").build()));
        span = onlySpan();
        assertEquals((long) Status.Code.UNKNOWN.value(), span.getAttributes().get(CallTracing.RPC_GRPC_STATUS_CODE));
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals(1, span.getEvents().size(), "the handler's exception is recorded");
    }

    @Test
    void withTheSdkDisabledCallsPassThroughUntouched() throws Exception {
        ServerInterceptor tracing = new CallTracing(new Tracing(OpenTelemetry.noop()));
        AtomicReference<ServerCall<?, ?>> seen = new AtomicReference<>();
        ServerInterceptor looking = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                seen.set(call);
                return next.startCall(call, headers);
            }
        };
        AtomicReference<ServerCall<?, ?>> given = new AtomicReference<>();
        ServerInterceptor outermost = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                given.set(call);
                return next.startCall(call, headers);
            }
        };
        HealthGrpc.HealthBlockingStub stub = start(looking, tracing, outermost).withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(traceparent("00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01")));

        stub.check(HealthCheckRequest.getDefaultInstance());

        assertSame(given.get(), seen.get(), "the call is handed on as it came, not wrapped");
        assertFalse(inHandler.get().isValid(), "no span is current in the handler");
    }

    /** The span ends after the answer is sent, so the client may see the answer first. */
    private SpanData onlySpan() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (exported.getFinishedSpanItems().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<SpanData> spans = exported.getFinishedSpanItems();
        assertEquals(1, spans.size(), () -> "spans: " + spans);
        return spans.get(0);
    }

    private static Metadata traceparent(String value) {
        Metadata headers = new Metadata();
        headers.put(TRACEPARENT, value);
        return headers;
    }

    /** Interceptors in the order of {@code ServerBuilder.intercept}: the last runs first. */
    private HealthGrpc.HealthBlockingStub start(ServerInterceptor... interceptors) throws Exception {
        HealthGrpc.HealthImplBase service = new HealthGrpc.HealthImplBase() {
            @Override
            public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
                inHandler.set(Span.current().getSpanContext());
                switch (request.getService()) {
                    case "missing" -> response.onError(Status.NOT_FOUND.asRuntimeException());
                    case "broken" -> throw new IllegalStateException("broken handler");
                    default -> {
                        response.onNext(HealthCheckResponse.newBuilder()
                                .setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
                        response.onCompleted();
                    }
                }
            }
        };
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name).executor(handlers).addService(service);
        for (ServerInterceptor interceptor : interceptors) {
            builder.intercept(interceptor);
        }
        server = builder.build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        return HealthGrpc.newBlockingStub(channel);
    }
}

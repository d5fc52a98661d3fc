package com.placebrain.devices.platform.grpc;

import com.placebrain.devices.platform.tracing.Tracing;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per gRPC call, when tracing is on (README "Tracing"): a SERVER span named by the full method
 * name, a child of the caller's trace context (W3C {@code traceparent}/{@code tracestate} in the
 * metadata, read by the configured propagators), current in every callback of the call, so that
 * what the handler does (an outbox event's {@code traceparent}) joins the trace. gRPC is served by
 * grpc-java's own Netty server, which Liberty's instrumentation does not see.
 *
 * <p>Off (the SDK disabled, Liberty's default; {@link Tracing}), calls pass through untouched.
 */
@ApplicationScoped
public class CallTracing implements ServerInterceptor {

    static final String INSTRUMENTATION = "com.placebrain.devices.grpc";

    static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
    static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
    static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
    static final AttributeKey<Long> RPC_GRPC_STATUS_CODE = AttributeKey.longKey("rpc.grpc.status_code");
    static final AttributeKey<String> PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
    static final AttributeKey<Long> PEER_PORT = AttributeKey.longKey("network.peer.port");

    /** Codes that mark a server span as failed (OpenTelemetry's gRPC conventions); the others are the caller's doing. */
    private static final Set<Status.Code> SERVER_ERRORS = EnumSet.of(Status.Code.UNKNOWN,
            Status.Code.DEADLINE_EXCEEDED, Status.Code.UNIMPLEMENTED, Status.Code.INTERNAL,
            Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS);

    private static final TextMapGetter<Metadata> METADATA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Metadata carrier) {
            return carrier.keys();
        }

        @Override
        public String get(Metadata carrier, String key) {
            // Binary headers cannot be read as text (and no propagator asks for one).
            if (carrier == null || key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                return null;
            }
            return carrier.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
    };

    /** Empty while traces are off: calls then pass through untouched. */
    private final Optional<Tracer> tracer;
    private final TextMapPropagator propagator;

    @Inject
    public CallTracing(Tracing tracing) {
        this.tracer = tracing.tracer(INSTRUMENTATION);
        this.propagator = tracing.propagator();
    }

    /** For CDI's client proxy only. */
    protected CallTracing() {
        this.tracer = Optional.empty();
        this.propagator = null;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (tracer.isEmpty()) {
            return next.startCall(call, headers);
        }
        Context parent = propagator.extract(Context.root(), headers, METADATA);
        Span span = spanOf(tracer.get(), call, parent);
        Context context = parent.with(span);
        AtomicBoolean ended = new AtomicBoolean();
        ServerCall<Q, R> traced = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                try {
                    super.close(status, trailers);
                } finally {
                    end(span, status, ended);
                }
            }
        };
        ServerCall.Listener<Q> listener;
        try (Scope ignored = context.makeCurrent()) {
            listener = next.startCall(traced, headers);
        } catch (RuntimeException e) {
            span.recordException(e);
            end(span, Status.fromThrowable(e), ended);
            throw e;
        }
        return new TracedListener<>(listener, context, span, ended);
    }

    private static Span spanOf(Tracer tracer, ServerCall<?, ?> call, Context parent) {
        MethodDescriptor<?, ?> method = call.getMethodDescriptor();
        SpanBuilder span = tracer.spanBuilder(method.getFullMethodName())
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(RPC_SYSTEM, "grpc")
                .setAttribute(RPC_SERVICE, method.getServiceName())
                .setAttribute(RPC_METHOD, method.getBareMethodName());
        SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (peer instanceof InetSocketAddress address) {
            span.setAttribute(PEER_ADDRESS, address.getHostString()).setAttribute(PEER_PORT, (long) address.getPort());
        }
        return span.startSpan();
    }

    private static void end(Span span, Status status, AtomicBoolean ended) {
        if (ended.compareAndSet(false, true)) {
            span.setAttribute(RPC_GRPC_STATUS_CODE, (long) status.getCode().value());
            if (SERVER_ERRORS.contains(status.getCode())) {
                span.setStatus(StatusCode.ERROR, status.getCode().name());
            }
            span.end();
        }
    }

    /** Every callback runs with the call's context current: grpc-java may run each on another thread. */
    private static final class TracedListener<Q> extends SimpleForwardingServerCallListener<Q> {

        private final Context context;
        private final Span span;
        private final AtomicBoolean ended;

        TracedListener(ServerCall.Listener<Q> delegate, Context context, Span span, AtomicBoolean ended) {
            super(delegate);
            this.context = context;
            this.span = span;
            this.ended = ended;
        }

        /** grpc-java answers a handler's exception UNKNOWN by closing the stream itself, not through the call. */
        private void failed(RuntimeException e) {
            span.recordException(e);
            end(span, Status.UNKNOWN, ended);
        }

        @Override
        public void onMessage(Q message) {
            try (Scope ignored = context.makeCurrent()) {
                super.onMessage(message);
            } catch (RuntimeException e) {
                failed(e);
                throw e;
            }
        }

        @Override
        public void onHalfClose() {
            try (Scope ignored = context.makeCurrent()) {
                super.onHalfClose();
            } catch (RuntimeException e) {
                failed(e);
                throw e;
            }
        }

        @Override
        public void onReady() {
            try (Scope ignored = context.makeCurrent()) {
                super.onReady();
            }
        }

        @Override
        public void onCancel() {
            try (Scope ignored = context.makeCurrent()) {
                super.onCancel();
            } finally {
                end(span, Status.CANCELLED, ended);
            }
        }

        @Override
        public void onComplete() {
            try (Scope ignored = context.makeCurrent()) {
                super.onComplete();
            }
        }
    }
}

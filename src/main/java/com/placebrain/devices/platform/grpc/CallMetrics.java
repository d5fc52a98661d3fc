package com.placebrain.devices.platform.grpc;

import com.placebrain.devices.platform.metrics.TaggedMetrics;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Per gRPC call: its duration by method and status code, as the timer {@code grpc.server.calls}
 * ({@code grpc_server_calls_seconds_count}, {@code _sum}, {@code _bucket} on /metrics). A call
 * the caller cancelled, or whose deadline passed, counts as CANCELLED.
 */
@ApplicationScoped
public class CallMetrics implements ServerInterceptor {

    static final String CALLS = "grpc.server.calls";
    private static final Metadata CALLS_METADATA = Metadata.builder().withName(CALLS)
            .withDescription("gRPC calls answered, by full method name and status code")
            .withUnit(MetricUnits.SECONDS).build();

    private final TaggedMetrics<Timer> timers;

    @Inject
    public CallMetrics(MetricRegistry registry) {
        this.timers = TaggedMetrics.timers(registry, CALLS_METADATA, "method", "code");
    }

    /** For CDI's client proxy only. */
    protected CallMetrics() {
        this.timers = null;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, io.grpc.Metadata headers,
            ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        long started = System.nanoTime();
        AtomicBoolean recorded = new AtomicBoolean();
        ServerCall<Q, R> timed = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, io.grpc.Metadata trailers) {
                record(method, status.getCode(), started, recorded);
                super.close(status, trailers);
            }
        };
        return new SimpleForwardingServerCallListener<>(next.startCall(timed, headers)) {
            @Override
            public void onCancel() {
                record(method, Status.Code.CANCELLED, started, recorded);
                super.onCancel();
            }
        };
    }

    private void record(String method, Status.Code code, long started, AtomicBoolean recorded) {
        if (recorded.compareAndSet(false, true)) {
            timers.with(method, code.name()).update(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}

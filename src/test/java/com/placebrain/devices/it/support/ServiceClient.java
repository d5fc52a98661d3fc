package com.placebrain.devices.it.support;

import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The tests' one gRPC client of a devices service: a plaintext channel to it and blocking stubs
 * whose deadline starts at the call. Take a new stub ({@link #rpc()}) for every call.
 *
 * <p>The channel has grpc-java's defaults (retry on), as a client author would build it. It accepts answers up to 64 MiB:
 * GetAllThresholds answers grow with the whole database; the default 4 MiB must never cut them.
 */
public final class ServiceClient implements AutoCloseable {

    /**
     * How long a call may take unless the caller says otherwise: the longest the helpers this
     * client replaced used (10 s in the registry and event tests, 15 s in the MQTT ones), so that
     * a loaded machine fails no call sooner than before.
     */
    public static final Duration DEADLINE = Duration.ofSeconds(15);
    public static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;

    private final ManagedChannel channel;
    private final Duration deadline;

    private ServiceClient(int port, Duration deadline) {
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(MAX_INBOUND_BYTES).build();
        this.deadline = deadline;
    }

    /** A client of the server under test, calls bounded by {@link #DEADLINE}. */
    public static ServiceClient open() {
        return open(TestEnvironment.GRPC_PORT, DEADLINE);
    }

    /** A client of the server serving gRPC on this local port, calls bounded by {@code deadline}. */
    public static ServiceClient open(int port, Duration deadline) {
        return new ServiceClient(port, deadline);
    }

    /** A blocking stub whose deadline (this client's) starts now. */
    public DevicesServiceGrpc.DevicesServiceBlockingStub rpc() {
        return rpc(deadline);
    }

    /** A blocking stub whose deadline starts now, for a call that has its own bound. */
    public DevicesServiceGrpc.DevicesServiceBlockingStub rpc(Duration callDeadline) {
        return DevicesServiceGrpc.newBlockingStub(channel).withDeadlineAfter(callDeadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The channel itself, for other services (health, reflection) or hand-made calls. */
    public ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        try {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

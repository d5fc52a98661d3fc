package com.placebrain.devices.platform.grpc;

import com.placebrain.devices.platform.config.SettingsReader;
import java.net.InetSocketAddress;

/**
 * How the gRPC server listens and bounds its callers.
 *
 * @param handlerThreads calls run at once; more wait in line (their deadline still counts, and a
 *     call whose caller has gone by its turn is not started). Calls block on PostgreSQL and Redis,
 *     whose pools are the real bound.
 * @param maxResetFrames RST_STREAM frames one connection may send per 30 s before it is closed
 *     (rapid reset, CVE-2023-44487); 200 is Netty's own default for HTTP/2 servers. A client that
 *     cancels calls now and then stays far below; a connection over it is closed (GOAWAY
 *     ENHANCE_YOUR_CALM), and the client connects again
 * @param drainSeconds on stop, how long calls in flight may take to finish
 */
public record GrpcServerSettings(String host, int port, int handlerThreads, int maxResetFrames,
        int maxMessageBytes, int drainSeconds) {

    /** Liberty's way of saying "every interface" (the container image sets it for both listeners). */
    private static final String EVERY_INTERFACE = "*";

    public static final String HOST = "devices.grpc.host";
    public static final String PORT = "devices.grpc.port";
    public static final String HANDLER_THREADS = "devices.grpc.handler-threads";
    public static final String MAX_RESET_FRAMES = "devices.grpc.max-reset-frames";
    public static final String MAX_MESSAGE_BYTES = "devices.grpc.max-message-bytes";
    public static final String DRAIN_SECONDS = "devices.grpc.drain-seconds";

    /** Where to listen: {@code *} is every interface, as for Liberty's HTTP listener. */
    public InetSocketAddress address() {
        return host.equals(EVERY_INTERFACE) ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    public static GrpcServerSettings read(SettingsReader reader) {
        return new GrpcServerSettings(
                reader.optional(HOST).orElse("127.0.0.1"),
                reader.integer(PORT, 50053, 1, 65535, "a TCP port"),
                reader.integer(HANDLER_THREADS, 32, 1, 1024, "threads"),
                reader.positive(MAX_RESET_FRAMES, 200, "frames"),
                reader.integer(MAX_MESSAGE_BYTES, 4 * 1024 * 1024, 1024, 64 * 1024 * 1024, "bytes"),
                reader.integer(DRAIN_SECONDS, 5, 0, 60, "seconds"));
    }
}

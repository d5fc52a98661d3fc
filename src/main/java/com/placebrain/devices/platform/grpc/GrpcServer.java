package com.placebrain.devices.platform.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * grpc-java's own Netty server, run inside the application: every {@link BindableService} bean,
 * the standard health service and server reflection. Handlers run on threads made by Liberty's
 * managed thread factory, so CDI, JTA and JPA work in them as in any request of the container.
 * Chosen over Liberty's grpc-1.0 feature by measurement (README, "gRPC transport").
 *
 * <p>Every thread it uses is its own and ends on {@link #stop()}: grpc-java's shared Netty event
 * loops would be released by a "grpc-shared-destroyer" thread that never ends, and a live thread
 * of the application's classes keeps the whole undeployed application in memory (a redeploy,
 * as in dev mode or the integration tests, would leak it each time).
 */
@ApplicationScoped
@SuppressWarnings("deprecation") // reflection v1alpha: older grpcurl and IDE clients ask for it
public class GrpcServer {

    private static final Logger LOG = Logger.getLogger(GrpcServer.class.getName());

    @Inject
    GrpcServerSettings settings;

    @Inject
    @Any
    Instance<BindableService> services;

    @Inject
    CallMetrics callMetrics;

    @Inject
    CallTracing callTracing;

    /** Liberty's managed threads (startup/ContainerResources). */
    @Inject
    ThreadFactory threads;

    private final HealthStatusManager health = new HealthStatusManager();
    private Server server;
    private ExecutorService handlers;
    private EventLoopGroup acceptor;
    private EventLoopGroup connections;
    private Thread refuseOnExit;

    /** Starts listening; the caller's start-up fails if the port cannot be bound. */
    public synchronized void start() {
        handlers = new ThreadPoolExecutor(settings.handlerThreads(), settings.handlerThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("grpc-accept", true),
                NioIoHandler.newFactory());
        connections = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("grpc-io", true),
                NioIoHandler.newFactory());
        NettyServerBuilder builder = NettyServerBuilder
                .forAddress(settings.address())
                .channelType(NioServerSocketChannel.class)
                .bossEventLoopGroup(acceptor)
                .workerEventLoopGroup(connections)
                .executor(handlers)
                .maxInboundMessageSize(settings.maxMessageBytes())
                .maxRstFramesPerWindow(settings.maxResetFrames(), 30)
                .intercept(callMetrics)
                .intercept(callTracing) // added last, runs first: its span is current in CallMetrics too
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(ProtoReflectionService.newInstance());
        for (BindableService service : services) {
            ServerServiceDefinition definition = service.bindService();
            builder.addService(StrictRequests.of(definition));
            health.setStatus(definition.getServiceDescriptor().getName(), ServingStatus.SERVING);
        }
        try {
            server = builder.build().start();
        } catch (IOException e) {
            releaseThreads();
            throw new UncheckedIOException("gRPC cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        refuseOnExit = refusingNewCallsOnExit(server);
        LOG.info(() -> "gRPC listening on " + settings.host() + ":" + server.getPort());
    }

    /**
     * On SIGTERM Liberty first quiesces (up to 30 s; 10 s under LifecycleIT's write load) and stops
     * the application, and so this server, only after that: meanwhile new calls kept arriving and
     * the stop took 13.6 s. A JVM shutdown hook
     * (it runs beside Liberty's) refuses new calls at once instead; those in flight go on, and
     * {@link #stop} drains them as before. Not registered when the JVM is already exiting.
     */
    private Thread refusingNewCallsOnExit(Server listening) {
        // No log line here: the JDK resets java.util.logging in a shutdown hook of its own.
        Thread hook = new Thread(() -> refuseNewCalls(listening), "grpc-refuse-on-exit");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return hook;
        } catch (IllegalStateException exiting) {
            return null;
        }
    }

    /** Takes no new calls, lets those in flight finish for up to the drain time, then cancels the rest. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        refuseNewCalls(server);
        try {
            if (!server.awaitTermination(settings.drainSeconds(), TimeUnit.SECONDS)) {
                LOG.warning("gRPC calls still running after " + settings.drainSeconds() + " s: cancelled");
                server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        releaseThreads();
        server = null;
        if (refuseOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(refuseOnExit); // a redeployed application adds its own
            } catch (IllegalStateException exiting) {
                // the hook has run or is running: nothing to remove
            }
            refuseOnExit = null;
        }
        LOG.info("gRPC stopped");
    }

    /** Health answers NOT_SERVING and the listener takes no new calls; those in flight go on. */
    private void refuseNewCalls(Server listening) {
        health.enterTerminalState();
        listening.shutdown();
    }

    private void releaseThreads() {
        handlers.shutdownNow();
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        connections.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}

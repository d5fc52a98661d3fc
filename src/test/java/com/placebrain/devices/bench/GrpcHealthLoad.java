package com.placebrain.devices.bench;

import com.placebrain.devices.bench.Bench.Row;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * grpc.health.v1.Health/Check against the service and, as the baseline, a plain grpc-java Netty
 * server in its own JVM serving the same health service (HealthStatusManager): the cost of the
 * service's gRPC transport and its threads, nothing of the application.
 */
final class GrpcHealthLoad {

    private static final HealthCheckRequest CHECK = HealthCheckRequest.getDefaultInstance();
    private static final Pattern PYTHON_RESULT = Pattern.compile(
            "\"failed\": (\\d+), \"statuses\": (\\{.*}), \"seconds\": ([\\d.]+),");

    private GrpcHealthLoad() {
    }

    /** The Health/Check call on a channel, as a load call. */
    static Load.Call check(ManagedChannel channel) {
        HealthGrpc.HealthStub health = HealthGrpc.newStub(channel);
        return (i, done) -> health.check(CHECK, Load.observer(done,
                (HealthCheckResponse answer) -> answer.getStatus() == HealthCheckResponse.ServingStatus.SERVING));
    }

    /** Health/Check requests/s, service against the plain Netty server, one channel each. */
    static List<Row> figure(Bench bench) throws Exception {
        int inFlight = bench.integer("grpc-inflight");
        ManagedChannel service = bench.channel(bench.integer("grpc-port"));
        ManagedChannel baseline = bench.channel(bench.baselinePort());
        try {
            return RateRounds.compare(bench, "req/s",
                    new RateRounds.Measured("plain grpc-java Netty server, own JVM", inFlight, check(baseline)),
                    List.of(new RateRounds.Measured("gRPC Health/Check", inFlight, check(service))),
                    "one channel to each server");
        } finally {
            service.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            baseline.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Failures of many calls on one channel of each client kind: Python's grpc.aio as PlaceBrain's
     * gateway makes them (scripts/clients/grpc_aio_calls.py) and a grpc-java channel with default
     * options; each against the service and against the plain Netty server.
     */
    static List<Row> clientFigures(Bench bench) throws Exception {
        int calls = bench.integer("calls");
        int inFlight = bench.integer("calls-inflight");
        int servicePort = bench.integer("grpc-port");
        int baselinePort = bench.baselinePort();
        String parameters = String.format("%,d Health/Check calls on one channel, %d in flight, no deadline", calls,
                inFlight);
        return List.of(
                clientRow("grpc.aio " + Bench.number(calls) + " calls, failures",
                        python(servicePort, calls, inFlight), python(baselinePort, calls, inFlight),
                        parameters + "; /usr/bin/python3, Debian python3-grpcio"),
                clientRow("grpc-java default channel " + Bench.number(calls) + " calls, failures",
                        java(bench, servicePort, calls, inFlight), java(bench, baselinePort, calls, inFlight),
                        parameters + "; ManagedChannelBuilder defaults (retries on)"));
    }

    private static Row clientRow(String figure, Load.Result service, Load.Result baseline, String parameters) {
        System.out.printf("   %s: service %s calls/s%s, baseline %s calls/s%s%n", figure, Bench.number(service.perSecond()),
                service.failureNote(), Bench.number(baseline.perSecond()), baseline.failureNote());
        return new Row(figure, failures(service), "plain grpc-java Netty server: " + failures(baseline),
                Bench.ratio(service.perSecond(), baseline.perSecond()) + " (calls/s)", "1", parameters);
    }

    private static String failures(Load.Result result) {
        return Bench.number(result.failed()) + " failed (" + Bench.number(result.perSecond()) + " calls/s)"
                + (result.failed() == 0 ? "" : ": " + result.failures());
    }

    private static Load.Result java(Bench bench, int port, int calls, int inFlight) throws InterruptedException {
        ManagedChannel channel = bench.channel(port);
        try {
            return Load.forCalls(calls, inFlight, check(channel));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Load.Result python(int port, int calls, int inFlight) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/python3", "scripts/clients/grpc_aio_calls.py",
                String.valueOf(port), String.valueOf(calls), String.valueOf(inFlight))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        Matcher result = PYTHON_RESULT.matcher(output);
        if (process.waitFor() != 0 || !result.find()) {
            throw new IllegalStateException("grpc_aio_calls.py failed (exit " + process.exitValue() + "): " + output);
        }
        long failed = Long.parseLong(result.group(1));
        return new Load.Result(calls - failed, failed, failed == 0 ? Map.of() : Map.of(result.group(2), failed),
                Double.parseDouble(result.group(3)));
    }

    /** Waits until Health/Check on the port answers SERVING. */
    static void awaitServing(Bench bench, int port) throws InterruptedException {
        ManagedChannel channel = bench.channel(port);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS).check(CHECK);
                    return;
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no gRPC health service on port " + port, e);
                    }
                    Thread.sleep(200);
                }
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static void serveBaseline(int port) throws Exception {
        HealthStatusManager health = new HealthStatusManager();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(health.getHealthService()).build().start();
        new CountDownLatch(1).await();
        server.shutdownNow();
    }
}

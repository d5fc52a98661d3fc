package com.placebrain.devices.bench;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests/s of grpc.health.v1.Health/Check with a fixed number of calls in flight, against the
 * Liberty server and, as a baseline in the same run, a plain grpc-java Netty server in its own
 * JVM serving the same health service. Rounds alternate between the two; medians are reported.
 *
 *   java -cp <test classpath> com.placebrain.devices.bench.GrpcHealthLoad [libertyPort] [concurrency] [seconds] [rounds]
 *   java -cp <test classpath> com.placebrain.devices.bench.GrpcHealthLoad --baseline-server <port>
 */
public final class GrpcHealthLoad {

    private GrpcHealthLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--baseline-server")) {
            serveBaseline(Integer.parseInt(args[1]));
            return;
        }
        int libertyPort = args.length > 0 ? Integer.parseInt(args[0]) : 50053;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int baselinePort = 50099;

        Process baseline = new ProcessBuilder(
                new File(System.getProperty("java.home"), "bin/java").getPath(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), GrpcHealthLoad.class.getName(),
                "--baseline-server", String.valueOf(baselinePort))
                .inheritIO().start();
        try {
            Thread.sleep(3000);
            double[] liberty = new double[rounds];
            double[] netty = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                Result libertyRound = measure(libertyPort, concurrency, seconds);
                Result nettyRound = measure(baselinePort, concurrency, seconds);
                liberty[round] = libertyRound.perSecond();
                netty[round] = nettyRound.perSecond();
                System.out.printf("round %d: liberty %.0f req/s (%d failed), grpc-java netty %.0f req/s (%d failed)%n",
                        round + 1, liberty[round], libertyRound.failed(), netty[round], nettyRound.failed());
            }
            double libertyMedian = median(liberty);
            double nettyMedian = median(netty);
            System.out.printf("median over %d rounds of %d s, %d calls in flight: liberty %.0f req/s,"
                            + " grpc-java netty baseline %.0f req/s, ratio %.2f%n",
                    rounds, seconds, concurrency, libertyMedian, nettyMedian, libertyMedian / nettyMedian);
        } finally {
            baseline.destroy();
            baseline.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Successful calls per second and failed calls of one measurement. */
    record Result(double perSecond, long failed) {
    }

    /** Keeps {@code concurrency} unary calls in flight for {@code seconds}, after a 2 s warm-up. */
    static Result measure(int port, int concurrency, int seconds) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            HealthGrpc.HealthStub stub = HealthGrpc.newStub(channel);
            run(stub, concurrency, TimeUnit.SECONDS.toNanos(2));
            long[] counts = run(stub, concurrency, TimeUnit.SECONDS.toNanos(seconds));
            return new Result(counts[0] / (double) seconds, counts[1]);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Returns {completed, failed}. */
    private static long[] run(HealthGrpc.HealthStub stub, int concurrency, long durationNanos)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + durationNanos;
        HealthCheckRequest request = HealthCheckRequest.getDefaultInstance();
        while (System.nanoTime() < end) {
            inFlight.acquire();
            stub.withDeadlineAfter(10, TimeUnit.SECONDS).check(request, new StreamObserver<>() {
                @Override public void onNext(HealthCheckResponse value) { }
                @Override public void onError(Throwable t) { failed.incrementAndGet(); inFlight.release(); }
                @Override public void onCompleted() { completed.incrementAndGet(); inFlight.release(); }
            });
        }
        inFlight.acquire(concurrency);
        return new long[] {completed.get(), failed.get()};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void serveBaseline(int port) throws Exception {
        HealthStatusManager health = new HealthStatusManager();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(health.getHealthService()).build().start();
        new CountDownLatch(1).await();
        server.shutdownNow();
    }
}

package com.placebrain.devices.bench;

import com.placebrain.devices.grpc.v1.AuthenticateDeviceRequest;
import com.placebrain.devices.grpc.v1.AuthenticateDeviceResponse;
import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.mindrot.jbcrypt.BCrypt;
import redis.clients.jedis.JedisPooled;

/**
 * Device authentication rate of the running service (AuthenticateDevice over gRPC), cold (every
 * check a cache miss: bcrypt at cost 10) and warm (every check a cache hit), with the health
 * Check RPC over the same transport as baseline, all in one run. Between rounds the cache is
 * emptied the way a token rotation does it: the devices' credential versions are bumped.
 *
 *   java -cp <test classpath> com.placebrain.devices.bench.MqttAuthLoad [devices=400] [concurrency=16] [rounds=3] [port] [jdbcUrl]
 */
public final class MqttAuthLoad {

    private MqttAuthLoad() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int port = args.length > 3 ? Integer.parseInt(args[3]) : 50053;
        String jdbc = args.length > 4 ? args[4] : "jdbc:postgresql://127.0.0.1:5432/devices_db";
        String token = "bench-token-" + UUID.randomUUID();
        UUID place = UUID.randomUUID();
        List<UUID> devices = BenchDevices.create(jdbc, place, count, BCrypt.hashpw(token, BCrypt.gensalt(10)));
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            DevicesServiceGrpc.DevicesServiceStub stub = DevicesServiceGrpc.newStub(channel);
            HealthGrpc.HealthStub health = HealthGrpc.newStub(channel);
            double[] cold = new double[rounds];
            double[] warm = new double[rounds];
            double[] baseline = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                devices.forEach(d -> redis.incr("mqtt:device:cred-version:" + d));
                cold[round] = rate(devices.size(), concurrency, (i, done) -> stub.authenticateDevice(
                        request(devices.get(i), token), expectAllowed(done)));
                warm[round] = rate(devices.size() * 10, concurrency, (i, done) -> stub.authenticateDevice(
                        request(devices.get(i % devices.size()), token), expectAllowed(done)));
                baseline[round] = rate(devices.size() * 10, concurrency, (i, done) -> health.check(
                        HealthCheckRequest.getDefaultInstance(), observer(done)));
                System.out.printf("round %d: cold %.0f auth/s, warm %.0f auth/s, health Check %.0f req/s%n",
                        round + 1, cold[round], warm[round], baseline[round]);
            }
            System.out.printf("median of %d rounds, %d devices, %d calls in flight, bcrypt cost 10: cold %.0f auth/s,"
                            + " warm %.0f auth/s, gRPC health Check baseline %.0f req/s (warm/baseline %.2f, warm/cold %.0fx)%n",
                    rounds, count, concurrency, median(cold), median(warm), median(baseline),
                    median(warm) / median(baseline), median(warm) / median(cold));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            BenchDevices.deleteAll(jdbc, place);
        }
    }

    private static AuthenticateDeviceRequest request(UUID device, String token) {
        return AuthenticateDeviceRequest.newBuilder().setUsername("device:" + device).setPassword(token).build();
    }

    private static StreamObserver<AuthenticateDeviceResponse> expectAllowed(Runnable done) {
        return new StreamObserver<>() {
            @Override public void onNext(AuthenticateDeviceResponse value) {
                if (!value.getAllow()) {
                    throw new IllegalStateException("a valid token was refused");
                }
            }
            @Override public void onError(Throwable t) { System.err.println("call failed: " + t); done.run(); }
            @Override public void onCompleted() { done.run(); }
        };
    }

    private static StreamObserver<HealthCheckResponse> observer(Runnable done) {
        return new StreamObserver<>() {
            @Override public void onNext(HealthCheckResponse value) { }
            @Override public void onError(Throwable t) { System.err.println("call failed: " + t); done.run(); }
            @Override public void onCompleted() { done.run(); }
        };
    }

    /** Calls per second for {@code calls} calls with {@code concurrency} in flight. */
    private static double rate(int calls, int concurrency, BiConsumer<Integer, Runnable> call) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicLong completed = new AtomicLong();
        long began = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            inFlight.acquire();
            call.accept(i, () -> {
                completed.incrementAndGet();
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        return completed.get() / ((System.nanoTime() - began) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

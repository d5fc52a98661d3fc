package com.placebrain.devices.bench;

import com.placebrain.devices.bench.Bench.Row;
import com.placebrain.devices.grpc.v1.AuthenticateDeviceRequest;
import com.placebrain.devices.grpc.v1.AuthenticateDeviceResponse;
import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import io.grpc.ManagedChannel;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.mindrot.jbcrypt.BCrypt;
import redis.clients.jedis.JedisPooled;

/**
 * Warm device logins over gRPC (AuthenticateDevice, every check a hit of the service's Redis
 * cache of device secrets) against Health/Check on the same channel in the same rounds. The
 * devices are written into the database with a bcrypt (cost 10) hash; one login each before the
 * rounds runs bcrypt once per device and fills the cache.
 */
final class MqttAuthLoad {

    private MqttAuthLoad() {
    }

    static List<Row> figure(Bench bench) throws Exception {
        int count = bench.integer("auth-devices");
        int inFlight = bench.integer("auth-inflight");
        String jdbc = bench.text("jdbc");
        String token = "bench-token-" + UUID.randomUUID();
        UUID place = UUID.randomUUID();
        List<UUID> devices = BenchDevices.create(jdbc, place, count, BCrypt.hashpw(token, BCrypt.gensalt(10)));
        ManagedChannel channel = bench.channel(bench.integer("grpc-port"));
        try (JedisPooled redis = bench.redis()) {
            try {
                DevicesServiceGrpc.DevicesServiceStub stub = DevicesServiceGrpc.newStub(channel);
                Load.Call login = (i, done) -> stub.authenticateDevice(AuthenticateDeviceRequest.newBuilder()
                                .setUsername("device:" + devices.get((int) (i % count))).setPassword(token).build(),
                        Load.observer(done, AuthenticateDeviceResponse::getAllow));
                Load.Result first = Load.forCalls(count, inFlight, login);
                System.out.printf("   first logins (bcrypt in the service): %s auth/s%s%n",
                        Bench.number(first.perSecond()), first.failureNote());
                return RateRounds.compare(bench, "req/s",
                        new RateRounds.Measured("Health/Check", inFlight, GrpcHealthLoad.check(channel)),
                        List.of(new RateRounds.Measured("AuthenticateDevice, warm", inFlight, login)),
                        String.format("one channel; %d devices round robin, cached token (bcrypt cost 10 hash)", count));
            } finally {
                BenchDevices.deleteAll(jdbc, place, devices, redis);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}

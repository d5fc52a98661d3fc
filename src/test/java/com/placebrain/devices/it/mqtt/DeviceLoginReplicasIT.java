package com.placebrain.devices.it.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.AuthenticateDeviceRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceResponse;
import com.placebrain.devices.grpc.v1.DeleteDeviceRequest;
import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import com.placebrain.devices.grpc.v1.RegenerateDeviceTokenRequest;
import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.RoleFixture;
import com.placebrain.devices.it.support.SecondInstance;
import com.placebrain.devices.it.support.ServiceDeployment;
import com.placebrain.devices.it.support.TestEnvironment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mindrot.jbcrypt.BCrypt;
import redis.clients.jedis.JedisPooled;

/**
 * Two real replicas (the server under test and a {@link SecondInstance}) on one Redis and one
 * database: a warm device login answered from a replica's own memory (devices.mqtt.auth-local-max-age-ms,
 * 2 s by default) and a revocation made through the other replica reaching that memory through Redis
 * pub/sub. What is asserted about timing: the revoking call has returned once the message is
 * published, and its delivery to the other replica is asynchronous, so the test asserts the old token
 * is denied there within 1 s and never allowed again, and prints how soon the first denial came.
 */
class DeviceLoginReplicasIT extends ServiceDeployment {

    private static final long BOUND_NANOS = 1_000_000_000L;
    private static final List<String> TOKENS = new ArrayList<>();
    private static SecondInstance replica;
    private static JedisPooled redis;

    @BeforeAll
    static void startReplica() throws Exception {
        redis = TestEnvironment.redis();
        replica = SecondInstance.start();
    }

    @AfterAll
    static void stopReplica() throws Exception {
        try {
            if (replica != null) {
                for (Path log : List.of(replica.log(), Path.of("target/liberty/wlp/usr/servers/devices-it/logs/messages.log"))) {
                    String text = Files.readString(log, StandardCharsets.UTF_8);
                    assertTrue(TOKENS.stream().noneMatch(text::contains), "a device token appears in " + log);
                }
                replica.close();
            }
        } finally {
            redis.close();
        }
    }

    private record World(String place, String user, String device, String token) {
    }

    private static World world() {
        RoleFixture.OwnedPlace owned = roles.newOwnedPlace();
        CreateDeviceResponse device = client.rpc().createDevice(CreateDeviceRequest.newBuilder()
                .setUserId(owned.owner()).setPlaceId(owned.place()).setName("door sensor").build());
        TOKENS.add(device.getToken());
        return new World(owned.place(), owned.owner(), device.getDeviceId(), device.getToken());
    }

    private static boolean authenticate(DevicesServiceGrpc.DevicesServiceBlockingStub server, String deviceId, String token) {
        return server.authenticateDevice(AuthenticateDeviceRequest.newBuilder()
                .setUsername("device:" + deviceId).setPassword(token).build()).getAllow();
    }

    /**
     * Logs the device in twice on {@code server} (a registry check, then a Redis hit the replica
     * keeps), with the database's hash replaced in between and the Redis entry dropped after:
     * from then on only that replica's memory can allow the token.
     */
    private static void warmOnlyInMemoryOf(DevicesServiceGrpc.DevicesServiceBlockingStub server, World w) throws SQLException {
        assertTrue(authenticate(server, w.device(), w.token()), "first login: the registry");
        replaceStoredTokenHash(w.device());
        assertTrue(authenticate(server, w.device(), w.token()), "second login: Redis, kept in memory");
        redis.del("mqtt:device:auth:" + w.device());
    }

    /**
     * Right after the revoking call returned: the old token is denied on {@code server} within the
     * bound, and never allowed again. Returns the milliseconds until the first denial (0: the first check).
     */
    private static double deniedWithinTheBound(DevicesServiceGrpc.DevicesServiceBlockingStub server, String deviceId,
                                               String oldToken, long revokedAt) {
        int allowedAfterRevocation = 0;
        while (authenticate(server, deviceId, oldToken)) {
            allowedAfterRevocation++;
            assertTrue(System.nanoTime() - revokedAt < BOUND_NANOS, "old token still allowed 1 s after the revocation returned");
        }
        double millis = allowedAfterRevocation == 0 ? 0 : (System.nanoTime() - revokedAt) / 1e6;
        for (int i = 0; i < 50; i++) {
            assertFalse(authenticate(server, deviceId, oldToken), "allowed again after a denial");
        }
        return millis;
    }

    @Test
    void aRegenerationOnOneReplicaReachesTheOthersMemory() throws Exception {
        World w = world();
        warmOnlyInMemoryOf(replica.rpc(), w);
        assertTrue(authenticate(replica.rpc(), w.device(), w.token()), "answered from the replica's memory");
        assertFalse(authenticate(client.rpc(), w.device(), w.token()), "here nothing holds it: Redis, then the registry");

        String newToken = client.rpc().regenerateDeviceToken(RegenerateDeviceTokenRequest.newBuilder().setUserId(w.user())
                .setPlaceId(w.place()).setDeviceId(w.device()).build()).getToken();
        TOKENS.add(newToken);
        long revokedAt = System.nanoTime();
        double millis = deniedWithinTheBound(replica.rpc(), w.device(), w.token(), revokedAt);
        System.out.printf("Regenerated here: the replica denied the old token %.1f ms after the call returned%n", millis);
        assertTrue(authenticate(replica.rpc(), w.device(), newToken));
    }

    @Test
    void aDeletionThroughTheReplicaReachesThisServersMemory() throws Exception {
        World w = world();
        warmOnlyInMemoryOf(client.rpc(), w);
        assertTrue(authenticate(client.rpc(), w.device(), w.token()), "answered from this server's memory");

        replica.rpc().deleteDevice(DeleteDeviceRequest.newBuilder().setUserId(w.user()).setPlaceId(w.place())
                .setDeviceId(w.device()).build());
        long revokedAt = System.nanoTime();
        double millis = deniedWithinTheBound(client.rpc(), w.device(), w.token(), revokedAt);
        System.out.printf("Deleted through the replica: denied here %.1f ms after the call returned%n", millis);
        assertTrue(localHits() >= 1, "mqtt_login_cache_total{result=\"local_hit\"} counted");
    }

    @Test
    void aRegenerationOnTheSameReplicaIsDeniedOnTheVeryNextCheck() throws Exception {
        World w = world();
        warmOnlyInMemoryOf(client.rpc(), w);
        assertTrue(authenticate(client.rpc(), w.device(), w.token()), "answered from this server's memory");
        TOKENS.add(client.rpc().regenerateDeviceToken(RegenerateDeviceTokenRequest.newBuilder().setUserId(w.user())
                .setPlaceId(w.place()).setDeviceId(w.device()).build()).getToken());
        assertFalse(authenticate(client.rpc(), w.device(), w.token()), "the revocation evicted its own copy at once");
    }

    /** The server under test's count of logins answered from its memory. */
    private static double localHits() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestEnvironment.HTTP_PORT
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^mqtt_login_cache_total\\{[^}]*result=\"local_hit\"[^}]*} (\\S+)$").matcher(text);
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        }
    }

    /** Overwrites the device's bcrypt hash in the database without telling the service. */
    private static void replaceStoredTokenHash(String deviceId) throws SQLException {
        try (Connection db = Database.connect();
             PreparedStatement update = db.prepareStatement("UPDATE devices SET token_hash = ? WHERE id = ?::uuid")) {
            update.setString(1, BCrypt.hashpw("not the device's token", BCrypt.gensalt(4)));
            update.setString(2, deviceId);
            assertEquals(1, update.executeUpdate());
        }
    }
}

package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.devices.DeviceTokensRevoked;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logins through the EMQX hook are remembered by client id, and revocations disconnect them
 * through EMQX's REST API. EMQX cannot run on this machine: its {@code DELETE /api/v5/clients/{id}}
 * is played by a JDK HTTP server that records what it is asked and answers as EMQX documents
 * (204 kicked, 404 not connected). Redis is the real one.
 */
class BrokerSessionsTest {

    private static final UUID PLACE = UUID.randomUUID();

    private TestRedis redis;
    private AccessWiring world;
    private HttpServer emqx;
    private final List<String> kicked = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int answer = 204;

    @BeforeEach
    void setUp() throws Exception {
        redis = new TestRedis();
        world = new AccessWiring(redis);
        emqx = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        emqx.createContext("/api/v5/clients/", exchange -> {
            kicked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        emqx.start();
        world = world.with(Map.of(MqttAccessSettings.EMQX_API_URL, "http://127.0.0.1:" + emqx.getAddress().getPort() + "/",
                MqttAccessSettings.EMQX_API_KEY, "devices-service", MqttAccessSettings.EMQX_API_SECRET, "api-secret-1"));
    }

    @AfterEach
    void tearDown() {
        emqx.stop(0);
        redis.close();
    }

    private UUID device(String token) {
        UUID id = UUID.randomUUID();
        world.directory.put(id, PLACE, token);
        return id;
    }

    @Test
    void aRevokedDeviceIsKickedByEveryClientIdItLoggedInWith() {
        UUID device = device("token-1");
        String username = new MqttIdentity.Device(device).username();
        assertTrue(world.auth.authenticate(username, "token-1", "sensor-a", "10.0.0.9").allowed());
        assertTrue(world.auth.authenticate(username, "token-1", "sensor a/2", "10.0.0.9").allowed());

        world.sessions.devicesRevoked(new DeviceTokensRevoked(Set.of(device)));

        assertEquals(Set.of("DELETE /api/v5/clients/sensor-a", "DELETE /api/v5/clients/sensor%20a%2F2"),
                Set.copyOf(kicked), "kicks asked of EMQX (client ids URL-encoded)");
        String basic = "Basic " + Base64.getEncoder().encodeToString("devices-service:api-secret-1"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(basic, basic), authorizations, "EMQX API key as HTTP basic credentials");
        assertFalse(redis.redis.exists(redis.keys.brokerSessions(username)), "kicked sessions are forgotten");
    }

    @Test
    void invalidatingAUsersCredentialsKicksAllTheirTabs() {
        UUID user = UUID.randomUUID();
        String username = new MqttIdentity.User(user).username();
        IssuedCredentials first = world.users.issue(user);
        IssuedCredentials second = world.users.issue(user);
        assertTrue(world.auth.authenticate(username, first.password(), "tab-1", "10.0.0.9").allowed());
        assertTrue(world.auth.authenticate(username, second.password(), "tab-2", "10.0.0.9").allowed());

        world.users.invalidate(List.of(user));

        assertEquals(Set.of("DELETE /api/v5/clients/tab-1", "DELETE /api/v5/clients/tab-2"), Set.copyOf(kicked));
    }

    @Test
    void aDeniedLoginIsNotRemembered() {
        UUID device = device("token-1");
        String username = new MqttIdentity.Device(device).username();
        assertFalse(world.auth.authenticate(username, "wrong-token", "intruder", "10.0.0.9").allowed());

        world.sessions.devicesRevoked(new DeviceTokensRevoked(Set.of(device)));

        assertEquals(List.of(), kicked, "nothing to kick for a login that was refused");
    }

    @Test
    void theCollectorAndTheServiceAreNeverRevokedSoTheirSessionsAreNotRemembered() {
        assertTrue(world.auth.authenticate("collector", AccessWiring.COLLECTOR_SECRET, "collector-1", "10.0.0.9").allowed());
        assertTrue(world.auth.authenticate(AccessWiring.SERVICE_USERNAME, AccessWiring.SERVICE_PASSWORD, "devices-1", "10.0.0.9").allowed());

        assertFalse(redis.redis.exists(redis.keys.brokerSessions("collector")));
        assertFalse(redis.redis.exists(redis.keys.brokerSessions(AccessWiring.SERVICE_USERNAME)));
    }

    @Test
    void aKickEmqxDidNotConfirmIsTriedAgainAtTheNextRevocation() {
        UUID device = device("token-1");
        String username = new MqttIdentity.Device(device).username();
        assertTrue(world.auth.authenticate(username, "token-1", "sensor-a", "10.0.0.9").allowed());

        answer = 503;
        world.sessions.devicesRevoked(new DeviceTokensRevoked(Set.of(device)));
        assertTrue(redis.redis.exists(redis.keys.brokerSessions(username)), "client id kept after a failed kick");

        answer = 404;
        world.sessions.devicesRevoked(new DeviceTokensRevoked(Set.of(device)));
        assertEquals(2, kicked.size(), "asked twice");
        assertFalse(redis.redis.exists(redis.keys.brokerSessions(username)), "404: no longer connected, forgotten");
    }

    @Test
    void withoutAnApiUrlNothingIsRecordedOrSent() {
        world = world.with(Map.of(MqttAccessSettings.EMQX_API_URL, ""));
        UUID device = device("token-1");
        String username = new MqttIdentity.Device(device).username();
        assertTrue(world.auth.authenticate(username, "token-1", "sensor-a", "10.0.0.9").allowed());

        world.sessions.devicesRevoked(new DeviceTokensRevoked(Set.of(device)));

        assertFalse(redis.redis.exists(redis.keys.brokerSessions(username)));
        assertEquals(List.of(), kicked);
    }

    @Test
    void onlyTheNewestClientIdsOfAUsernameAreKept() {
        UUID device = device("token-1");
        String username = new MqttIdentity.Device(device).username();
        AtomicLong millis = new AtomicLong();
        world = world.withClock(() -> Instant.ofEpochMilli(millis.get()));
        for (int i = 0; i < BrokerSessions.MAX_CLIENT_IDS + 5; i++) {
            millis.set(1_000L + i);
            assertTrue(world.auth.authenticate(username, "token-1", "client-" + i, "10.0.0.9").allowed());
        }
        List<String> kept = redis.redis.zrange(redis.keys.brokerSessions(username), 0, -1);
        assertEquals(BrokerSessions.MAX_CLIENT_IDS, kept.size());
        assertEquals("client-5", kept.get(0), "the oldest five were dropped");
    }
}

package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.devices.DeviceTokensRevoked;
import com.placebrain.devices.platform.redis.RedisEndpoint;
import com.placebrain.devices.platform.security.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;

/**
 * Two replicas (each its own recent copies and revocation subscription) on the real Redis and one
 * registry: a device's login answered from a replica's memory, and revocations reaching it.
 */
class DeviceRevocationSubscriberTest {

    private static final UUID PLACE = UUID.randomUUID();

    private TestRedis redis;
    private AccessWiring here;
    private AccessWiring there;
    private DeviceRevocationSubscriber hereSubscriber;
    private DeviceRevocationSubscriber thereSubscriber;
    private final String thereClientName = "revocation-test-" + UUID.randomUUID();
    private UUID device;
    private String token;

    @BeforeEach
    void setUp() {
        redis = new TestRedis();
        here = new AccessWiring(redis);
        there = here.with(Map.of());
        hereSubscriber = subscriber(here, "revocation-test-" + UUID.randomUUID());
        thereSubscriber = subscriber(there, thereClientName);
        device = UUID.randomUUID();
        token = Secrets.newToken();
        here.directory.put(device, PLACE, token);
        awaitTrue("both subscribed", () -> here.recent.ticket(device).isPresent() && there.recent.ticket(device).isPresent());
    }

    @AfterEach
    void tearDown() {
        hereSubscriber.stop();
        thereSubscriber.stop();
        redis.close();
    }

    private DeviceRevocationSubscriber subscriber(AccessWiring replica, String clientName) {
        RedisEndpoint endpoint = new RedisEndpoint(new HostAndPort("127.0.0.1", 6379),
                DefaultJedisClientConfig.builder().timeoutMillis(2000).clientName(clientName).build());
        DeviceRevocationSubscriber subscriber = new DeviceRevocationSubscriber(replica.recent, endpoint, redis.keys, Thread::new);
        subscriber.start();
        return subscriber;
    }

    private static Verdict login(AccessWiring replica, UUID id, String password) {
        return replica.auth.authenticate("device:" + id, password).verdict();
    }

    /** Only this replica's copy can still allow the token: the Redis entry and the registry's token are gone. */
    private void leaveOnlyTheLocalCopies() {
        redis.redis.del(redis.keys.deviceAuth(device));
        here.directory.put(device, PLACE, Secrets.newToken());
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aWarmLoginIsAnsweredFromTheReplicasMemoryWithoutRedis() {
        assertEquals(Verdict.ALLOW, login(there, device, token), "registry, then Redis remembers");
        assertEquals(Verdict.ALLOW, login(there, device, token), "Redis hit, kept in memory");
        leaveOnlyTheLocalCopies();
        assertEquals(Verdict.ALLOW, login(there, device, token), "from memory");
        assertEquals(Verdict.DENY, login(here, device, token), "a replica without the copy asks Redis and the registry");
        assertEquals(1, there.metrics.count("mqtt.login.cache result=local_hit"));
        assertEquals(1, there.metrics.count("mqtt.login.cache result=hit"));
        assertEquals(Verdict.DENY, login(there, device, "wrong-" + token), "a wrong secret is never answered from memory");
    }

    @Test
    void aRevocationOnAnotherReplicaReachesThisOnesMemory() {
        login(there, device, token);
        login(there, device, token);
        leaveOnlyTheLocalCopies();
        assertEquals(Verdict.ALLOW, login(there, device, token), "from memory");

        here.revocation.revokeNow(new DeviceTokensRevoked(Set.of(device)));
        long revoked = System.nanoTime();
        // Delivery is asynchronous (sub-millisecond here): until the message arrives the copy may
        // still answer; it must be gone well within the bound, and never answer again.
        awaitTrue("the other replica denies the revoked token", () -> login(there, device, token) == Verdict.DENY);
        assertTrue(System.nanoTime() - revoked < 1_000_000_000L, "denied within 1 s of the revocation");
        for (int i = 0; i < 20; i++) {
            assertEquals(Verdict.DENY, login(there, device, token));
        }
        assertEquals(0, there.recent.size());
    }

    @Test
    void aRevocationHereEvictsThisReplicasCopyAtOnce() {
        hereSubscriber.stop(); // no message can help: the eviction must be the revocation's own
        here.recent.subscribed();
        login(here, device, token);
        login(here, device, token);
        leaveOnlyTheLocalCopies();
        assertEquals(Verdict.ALLOW, login(here, device, token), "from memory");

        here.revocation.revokeNow(new DeviceTokensRevoked(Set.of(device)));
        assertEquals(Verdict.DENY, login(here, device, token), "the very next check");
    }

    @Test
    void whileTheSubscriptionIsDownMemoryIsBypassedAndAfterwardsStartsEmpty() {
        login(there, device, token);
        login(there, device, token);
        assertEquals(1, there.recent.size());
        redis.redis.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", clientId(thereClientName));
        awaitTrue("the replica noticed the lost subscription and emptied its memory", () -> there.recent.size() == 0);
        awaitTrue("subscribed again", () -> there.recent.ticket(device).isPresent());
        leaveOnlyTheLocalCopies();
        assertEquals(Verdict.DENY, login(there, device, token), "nothing left in memory to answer from");

        thereSubscriber.stop();
        here.directory.put(device, PLACE, token);
        login(there, device, token);
        login(there, device, token);
        assertEquals(0, there.recent.size(), "nothing kept without a subscription");
    }

    /** The id of the Redis connection with this client name. */
    private String clientId(String name) {
        String clients = new String((byte[]) redis.redis.sendCommand(Protocol.Command.CLIENT, "LIST"), StandardCharsets.UTF_8);
        for (String line : clients.split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                return line.substring(line.indexOf("id=") + 3, line.indexOf(' ', line.indexOf("id=")));
            }
        }
        throw new AssertionError("no Redis client named " + name);
    }
}

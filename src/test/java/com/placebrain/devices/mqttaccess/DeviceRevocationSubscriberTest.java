package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.devices.DeviceTokensRevoked;
import com.placebrain.devices.platform.redis.RedisEndpoint;
import com.placebrain.devices.platform.redis.RedisSubscription;
import com.placebrain.devices.platform.security.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /**
     * A connection that goes silent without closing (a host gone, a network partition): the ping
     * gets no pong, the read fails after 3 s, and until a new subscription is made nothing is kept.
     */
    @Test
    void aSilentConnectionIsFoundByItsPingAndReplaced() throws Exception {
        thereSubscriber.stop();
        try (SilenceableProxy proxy = new SilenceableProxy(6379)) {
            DeviceRevocationSubscriber throughProxy = new DeviceRevocationSubscriber(there.recent, new RedisEndpoint(
                    new HostAndPort("127.0.0.1", proxy.port()), DefaultJedisClientConfig.builder().timeoutMillis(2000).build()),
                    redis.keys, Thread::new);
            throughProxy.start();
            try {
                awaitTrue("subscribed through the proxy", () -> there.recent.ticket(device).isPresent());
                login(there, device, token);
                login(there, device, token);
                assertEquals(1, there.recent.size());
                long silentAt = System.nanoTime();
                proxy.silent = true;
                awaitTrue("the silence noticed", () -> there.recent.ticket(device).isEmpty());
                long millis = (System.nanoTime() - silentAt) / 1_000_000;
                assertTrue(millis >= RedisSubscription.SILENCE_MILLIS - 100 && millis
                        <= RedisSubscription.SILENCE_MILLIS + RedisSubscription.PING_MILLIS + 500,
                        "noticed after " + millis + " ms");
                assertEquals(0, there.recent.size(), "emptied");
                proxy.silent = false;
                awaitTrue("subscribed again once Redis answers", () -> there.recent.ticket(device).isPresent());
            } finally {
                throughProxy.stop();
            }
        }
    }

    /** Forwards TCP to a port on 127.0.0.1; while {@code silent}, drops what passes both ways but keeps the sockets open. */
    private static final class SilenceableProxy implements AutoCloseable {

        volatile boolean silent;
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        SilenceableProxy(int target) throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        sockets.add(client);
                        sockets.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void pump(Socket from, Socket to) {
            Thread pump = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        if (!silent) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    }
                } catch (IOException closed) {
                    // either side closed: the other follows
                }
                closeQuietly(from);
                closeQuietly(to);
            });
            pump.setDaemon(true);
            pump.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            sockets.forEach(SilenceableProxy::closeQuietly);
        }
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

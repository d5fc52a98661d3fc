package com.placebrain.devices.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.it.support.Await;
import com.placebrain.devices.platform.TestMetrics;
import com.placebrain.devices.platform.redis.RedisEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;

/**
 * A replica's role copies ({@link RoleCopies}) fed by Redis' client tracking ({@link RoleChangeFeed})
 * on the real Redis: a role found is answered from memory until anyone changes the place's roles
 * hash; nothing is used while the tracking connection is gone.
 */
class RoleChangeFeedTest {

    private final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    private final RoleCache cache = new RoleCache(redis);
    private final UUID user = UUID.randomUUID();
    private final UUID place = UUID.randomUUID();
    private final UUID otherPlace = UUID.randomUUID();
    private final String clientName = "role-feed-test-" + UUID.randomUUID();
    private final AtomicInteger reads = new AtomicInteger();
    private final TestMetrics metrics = new TestMetrics();
    private RoleCopies copies;
    private RoleChangeFeed feed;

    @BeforeEach
    void setUp() {
        // Written before tracking begins, so that no invalidation of them arrives during a test.
        redis.hset(RoleCache.placeRolesKey(place), user.toString(), "admin");
        redis.hset(RoleCache.placeRolesKey(otherPlace), user.toString(), "viewer");
        copies = new RoleCopies(60_000, 1_000, new RoleCheckMetrics(metrics.registry), System::nanoTime);
        feed = new RoleChangeFeed(copies, new RedisEndpoint(new HostAndPort("127.0.0.1", 6379),
                DefaultJedisClientConfig.builder().timeoutMillis(2000).clientName(clientName).build()), Thread::new);
        feed.start();
        awaitTrue("tracking", this::tracking);
    }

    @AfterEach
    void tearDown() {
        feed.stop();
        redis.del(RoleCache.placeRolesKey(place), RoleCache.placeRolesKey(otherPlace));
        redis.close();
    }

    private Optional<Role> check(UUID placeId) {
        return copies.roleOf(user, placeId, () -> {
            reads.incrementAndGet();
            return cache.roleOf(user, placeId);
        });
    }

    /** Whether a role read now would be kept (the feed is up): checked without keeping anything. */
    private boolean tracking() {
        UUID probe = UUID.randomUUID();
        copies.roleOf(probe, probe, () -> Optional.of(Role.VIEWER));
        boolean kept = copies.size() > 0;
        copies.changed(probe);
        copies.changedAll();
        return kept;
    }

    /** Polls every 5 ms for up to 5 s (the shared polling helper of the tests). */
    private static void awaitTrue(String what, BooleanSupplier condition) {
        Await.await(what, Duration.ofSeconds(5), Duration.ofMillis(5), condition::getAsBoolean, Boolean::booleanValue);
    }

    /** Reads Redis again once the change arrived: within a second, and never the old role after. */
    private void awaitRole(Optional<Role> expected) {
        long changed = System.nanoTime();
        awaitTrue("the change reaches the copy", () -> check(place).equals(expected));
        assertTrue(System.nanoTime() - changed < 1_000_000_000L, "within 1 s of the change");
        for (int i = 0; i < 10; i++) {
            assertEquals(expected, check(place));
        }
    }

    @Test
    void aRoleFoundIsReadOnceThenAnsweredFromMemory() {
        long readBefore = metrics.count("role.checks answer=read"); // the set-up's probes
        assertEquals(Optional.of(Role.ADMIN), check(place));
        assertEquals(Optional.of(Role.ADMIN), check(place));
        assertEquals(Optional.of(Role.ADMIN), check(place));
        assertEquals(1, reads.get());
        assertEquals(2, metrics.count("role.checks answer=kept"));
        assertEquals(readBefore + 1, metrics.count("role.checks answer=read"));
    }

    @Test
    void aMissingRoleIsNeverKept() {
        UUID stranger = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            copies.roleOf(stranger, place, () -> {
                reads.incrementAndGet();
                return cache.roleOf(stranger, place);
            });
        }
        assertEquals(3, reads.get());
    }

    @Test
    void anotherWritersChangeAndRemovalReachTheCopy() {
        check(place);
        redis.hset(RoleCache.placeRolesKey(place), user.toString(), "viewer");
        awaitRole(Optional.of(Role.VIEWER));
        redis.hdel(RoleCache.placeRolesKey(place), user.toString());
        awaitRole(Optional.empty());
    }

    @Test
    void theMemberEventScriptAndAPlaceDeletionReachTheCopy() {
        check(place);
        cache.apply(place, user, Optional.empty(), RoleCache.version(System.currentTimeMillis(), 1));
        awaitRole(Optional.empty());
        redis.hset(RoleCache.placeRolesKey(place), user.toString(), "owner");
        awaitRole(Optional.of(Role.OWNER));
        redis.del(RoleCache.placeRolesKey(place));
        awaitRole(Optional.empty());
    }

    @Test
    void aChangeOfAnotherPlaceLeavesThisPlacesCopy() throws Exception {
        check(place);
        check(otherPlace);
        redis.hset(RoleCache.placeRolesKey(otherPlace), user.toString(), "owner");
        awaitTrue("the other place's change arrived", () -> check(otherPlace).equals(Optional.of(Role.OWNER)));
        int before = reads.get();
        assertEquals(Optional.of(Role.ADMIN), check(place));
        assertEquals(before, reads.get(), "still from memory");
    }

    @Test
    void aFlushVoidsEveryCopy() {
        check(place);
        try (Jedis other = new Jedis("127.0.0.1", 6379)) {
            other.select(13); // a database nothing uses: a flush anywhere is reported without a key
            other.flushDB();
        }
        awaitTrue("the flush voided the copy", () -> copies.size() == 0);
        int before = reads.get();
        check(place);
        assertEquals(before + 1, reads.get());
    }

    @Test
    void withoutTheTrackingConnectionNothingIsUsedAndAfterwardsMemoryStartsEmpty() {
        check(place);
        assertEquals(1, copies.size());
        redis.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", clientId());
        awaitTrue("the loss noticed, memory emptied", () -> copies.size() == 0);
        awaitTrue("tracking again", this::tracking);
        redis.hset(RoleCache.placeRolesKey(place), user.toString(), "viewer");
        awaitRole(Optional.of(Role.VIEWER));

        feed.stop();
        int before = reads.get();
        check(place);
        check(place);
        assertEquals(before + 2, reads.get(), "nothing kept without the feed");
    }

    private String clientId() {
        String clients = new String((byte[]) redis.sendCommand(Protocol.Command.CLIENT, "LIST"), StandardCharsets.UTF_8);
        for (String line : clients.split("\n")) {
            if (line.contains(" name=" + clientName + " ")) {
                return line.substring(line.indexOf("id=") + 3, line.indexOf(' ', line.indexOf("id=")));
            }
        }
        throw new AssertionError("no client named " + clientName);
    }
}

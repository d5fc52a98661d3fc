package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.TestMetrics;
import com.placebrain.devices.platform.cache.KeptCopies;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** This replica's copies of device logins that matched, on a clock the test moves. */
class RecentDeviceChecksTest {

    private static final long MAX_AGE_MS = 2_000;
    private static final RecentDeviceChecks.Match MATCH = new RecentDeviceChecks.Match(UUID.randomUUID(), "mac");

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RecentDeviceChecks recent = new RecentDeviceChecks(MAX_AGE_MS, 3, now::get);
    private final UUID device = UUID.randomUUID();

    private void advanceMillis(long millis) {
        now.addAndGet(millis * 1_000_000L);
    }

    /** Takes a ticket, "reads Redis", keeps the snapshot. */
    private void readAndKeep(UUID id) {
        recent.keep(id, MATCH, recent.ticket(id).orElseThrow());
    }

    @Test
    void aKeptSnapshotIsAnsweredUntilItsMaxAge() {
        recent.subscribed();
        readAndKeep(device);
        assertEquals(Optional.of(MATCH), recent.fresh(device));
        advanceMillis(MAX_AGE_MS - 1);
        assertEquals(Optional.of(MATCH), recent.fresh(device));
        advanceMillis(1);
        assertEquals(Optional.empty(), recent.fresh(device), "at its max age");
    }

    @Test
    void theAgeCountsFromBeforeTheRedisRead() {
        recent.subscribed();
        KeptCopies.Ticket ticket = recent.ticket(device).orElseThrow();
        advanceMillis(MAX_AGE_MS); // a Redis read that took the whole max age
        recent.keep(device, MATCH, ticket);
        assertEquals(Optional.empty(), recent.fresh(device));
        assertEquals(0, recent.size(), "not kept at all");
    }

    @Test
    void nothingIsKeptOrAnsweredWhileUnsubscribed() {
        assertTrue(recent.ticket(device).isEmpty(), "before the first subscription");
        recent.subscribed();
        readAndKeep(device);
        recent.unsubscribed();
        assertEquals(Optional.empty(), recent.fresh(device));
        assertEquals(0, recent.size(), "emptied");
        assertTrue(recent.ticket(device).isEmpty());
    }

    @Test
    void aSnapshotReadBeforeTheSubscriptionWasLostIsNeverUsedAfterItIsBack() {
        recent.subscribed();
        KeptCopies.Ticket before = recent.ticket(device).orElseThrow();
        recent.unsubscribed();
        recent.subscribed();
        recent.keep(device, MATCH, before);
        assertEquals(Optional.empty(), recent.fresh(device));

        readAndKeep(device);
        recent.subscribed(); // e.g. a reconnect after a loss the socket did not report at once
        assertEquals(Optional.empty(), recent.fresh(device), "emptied when subscribed again");
    }

    @Test
    void anEvictionVoidsTheDeviceAndASnapshotReadBeforeIt() {
        recent.subscribed();
        UUID other = UUID.randomUUID();
        readAndKeep(device);
        readAndKeep(other);
        KeptCopies.Ticket racing = recent.ticket(device).orElseThrow();
        recent.evict(List.of(device));
        assertEquals(Optional.empty(), recent.fresh(device));
        assertEquals(Optional.of(MATCH), recent.fresh(other), "other devices keep theirs");

        // A check that read Redis before the revocation and keeps its snapshot after the eviction.
        recent.keep(device, MATCH, racing);
        assertEquals(Optional.empty(), recent.fresh(device));

        readAndKeep(device);
        assertEquals(Optional.of(MATCH), recent.fresh(device), "read after the eviction");
        recent.evictAll();
        assertEquals(Optional.empty(), recent.fresh(device));
        assertEquals(Optional.empty(), recent.fresh(other));
    }

    @Test
    void theMapNeverGrowsBeyondItsBoundAndStaleCopiesMakeRoom() {
        recent.subscribed();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        readAndKeep(a);
        readAndKeep(b);
        readAndKeep(c);
        UUID d = UUID.randomUUID();
        readAndKeep(d);
        assertEquals(3, recent.size());
        assertEquals(Optional.empty(), recent.fresh(d), "full of fresh copies: not kept");
        readAndKeep(a);
        assertEquals(Optional.of(MATCH), recent.fresh(a), "a device already kept is renewed");

        advanceMillis(MAX_AGE_MS);
        readAndKeep(d);
        assertEquals(1, recent.size(), "the stale copies went");
        assertEquals(Optional.of(MATCH), recent.fresh(d));
    }

    @Test
    void aMaxAgeOfZeroOrNoRedisCacheTurnsTheLayerOff() {
        RecentDeviceChecks off = withSettings(Map.of(MqttAccessSettings.AUTH_LOCAL_MAX_AGE_MS, "0"), new TestMetrics());
        off.subscribed();
        assertFalse(off.enabled());
        assertTrue(off.ticket(device).isEmpty());
        RecentDeviceChecks noRedisCache = withSettings(Map.of(MqttAccessSettings.AUTH_CACHE_TTL_SECONDS, "0"), new TestMetrics());
        assertFalse(noRedisCache.enabled());
        assertTrue(withSettings(Map.of(), new TestMetrics()).enabled(), "on by default");
    }

    @Test
    void theReplicaCopiesGaugeCountsTheDevicesKept() {
        TestMetrics metrics = new TestMetrics();
        RecentDeviceChecks checks = withSettings(Map.of(), metrics);
        String gauge = "replica.copies copies=device_logins";
        checks.subscribed();
        assertEquals(0, metrics.gauge(gauge));
        UUID other = UUID.randomUUID();
        checks.keep(device, MATCH, checks.ticket(device).orElseThrow());
        checks.keep(other, MATCH, checks.ticket(other).orElseThrow());
        assertEquals(2, metrics.gauge(gauge));
        checks.evict(List.of(device));
        assertEquals(1, metrics.gauge(gauge));
        checks.unsubscribed();
        assertEquals(0, metrics.gauge(gauge), "dropped with the subscription");
    }

    private static RecentDeviceChecks withSettings(Map<String, String> settings, TestMetrics metrics) {
        return new RecentDeviceChecks(AccessWiring.accessSettings(settings), new LoginMetrics(metrics.registry));
    }
}

package com.placebrain.devices.mqttaccess;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * This replica's memory of what Redis held for devices that just logged in with a matching secret
 * ({@link DeviceAuthCache.Snapshot}), so that a device logging in again within the max age
 * ({@code devices.mqtt.auth-local-max-age-ms}) is answered without a Redis round trip. The
 * snapshot is judged by the same rule as one read from Redis ({@link DeviceAuthCache#placeIfSecretMatches}).
 *
 * <p>A revocation reaches it through {@link #evict}: at once for revocations made here, through
 * Redis pub/sub ({@link DeviceRevocationSubscriber}) for another replica's. A snapshot is used only
 * while the subscription is up and only if no eviction of its device (nor loss of the subscription)
 * happened since before it was read from Redis: every use checks a sequence number taken before the
 * read (per stripe of device ids, and one for the whole map), so a check that read Redis before a
 * revocation and keeps its snapshot after the eviction leaves only a dead copy. While the
 * subscription is down nothing is kept or used (revocations would be missed); when it is back the
 * memory starts empty, as messages may have been lost meanwhile. What a lost message could still
 * cost without the connection noticing is bounded by the max age.
 */
@ApplicationScoped
public class RecentDeviceChecks {

    /**
     * Devices remembered at most: one replica sees a device again within the max age only when it
     * logs in that often, and a 10,000-device reconnect storm fits twice. An entry (UUID, snapshot
     * strings, map node) is about 400 bytes, so at most ~8 MB.
     */
    static final int MAX_DEVICES = 20_000;
    /** Eviction sequences: a revocation voids the copies of about 1/1024 of the devices, not all. */
    private static final int STRIPES = 1024;

    private final long maxAgeNanos;
    private final int maxDevices;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<UUID, Kept> kept = new ConcurrentHashMap<>();
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    /** Bumped whenever the subscription is lost or made again: every copy kept before is void. */
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean subscribed;
    private volatile long lastSweep;

    @Inject
    RecentDeviceChecks(MqttAccessSettings settings) {
        this(settings.authCacheTtlSeconds() > 0 ? settings.authLocalMaxAgeMillis() : 0, MAX_DEVICES, System::nanoTime);
    }

    /** @param maxAgeMillis 0 turns the layer off */
    RecentDeviceChecks(long maxAgeMillis, int maxDevices, LongSupplier nanoTime) {
        this.maxAgeNanos = maxAgeMillis * 1_000_000L;
        this.maxDevices = maxDevices;
        this.nanoTime = nanoTime;
        this.lastSweep = nanoTime.getAsLong();
    }

    /** For CDI's client proxy. */
    RecentDeviceChecks() {
        this(0, 0, System::nanoTime);
    }

    /** Whether this replica keeps copies at all (then it subscribes to revocations). */
    public boolean enabled() {
        return maxAgeNanos > 0;
    }

    /** Taken before a Redis read: when it was made and which evictions it came after. */
    record Ticket(long readAt, long epoch, long stripe) {
    }

    private record Kept(DeviceAuthCache.Snapshot snapshot, Ticket ticket) {
    }

    /** A ticket to keep what is about to be read for the device; empty while nothing may be kept. */
    public Optional<Ticket> ticket(UUID deviceId) {
        if (!enabled() || !subscribed) {
            return Optional.empty();
        }
        // epoch before the stripe, both after reading `subscribed`: see current().
        long e = epoch.get();
        return Optional.of(new Ticket(nanoTime.getAsLong(), e, stripes.get(stripe(deviceId))));
    }

    /** The device's snapshot, if one read within the max age, with no eviction since, is kept. */
    public Optional<DeviceAuthCache.Snapshot> fresh(UUID deviceId) {
        if (!enabled() || !subscribed) {
            return Optional.empty();
        }
        Kept copy = kept.get(deviceId);
        return copy != null && current(deviceId, copy.ticket()) ? Optional.of(copy.snapshot()) : Optional.empty();
    }

    /** Keeps a snapshot read after the ticket was taken. Beyond the bound, stale copies go first, else it is not kept. */
    public void keep(UUID deviceId, DeviceAuthCache.Snapshot snapshot, Ticket ticket) {
        if (!current(deviceId, ticket)) {
            return;
        }
        if (kept.size() >= maxDevices && !kept.containsKey(deviceId) && !sweep()) {
            return;
        }
        kept.put(deviceId, new Kept(snapshot, ticket));
    }

    /** The devices' copies are void from now on, and dropped. */
    public void evict(Collection<UUID> deviceIds) {
        for (UUID id : deviceIds) {
            stripes.incrementAndGet(stripe(id));
            kept.remove(id);
        }
    }

    /** Every copy is void from now on, and dropped. */
    public void evictAll() {
        epoch.incrementAndGet();
        kept.clear();
    }

    /** The revocation subscription is up (again): start from nothing, then keep. */
    public void subscribed() {
        evictAll();
        subscribed = true;
    }

    /** The subscription is down: keep and use nothing until {@link #subscribed()}. */
    public void unsubscribed() {
        subscribed = false;
        evictAll();
    }

    public int size() {
        return kept.size();
    }

    private boolean current(UUID deviceId, Ticket ticket) {
        return nanoTime.getAsLong() - ticket.readAt() < maxAgeNanos
                && ticket.epoch() == epoch.get()
                && ticket.stripe() == stripes.get(stripe(deviceId));
    }

    /** Drops copies past their max age, at most once per max age; true if there is room now. */
    private boolean sweep() {
        long now = nanoTime.getAsLong();
        long last = lastSweep;
        if (now - last >= maxAgeNanos) {
            lastSweep = now;
            kept.entrySet().removeIf(entry -> !current(entry.getKey(), entry.getValue().ticket()));
        }
        return kept.size() < maxDevices;
    }

    private static int stripe(UUID deviceId) {
        return (deviceId.hashCode() & 0x7fff_ffff) % STRIPES;
    }
}

package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.cache.KeptCopies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * This replica's memory of devices that just logged in with a secret matching what Redis held
 * ({@link Match}: the place and the secret's HMAC, taken apart once when kept), so that a device
 * logging in again within the max age ({@code devices.mqtt.auth-local-max-age-ms}) is answered
 * without a Redis round trip. A match is kept only after the snapshot read from Redis passed
 * {@link DeviceAuthCache#placeIfSecretMatches}.
 *
 * <p>A revocation reaches it through {@link #evict}: at once for revocations made here, through
 * Redis pub/sub ({@link DeviceRevocationSubscriber}) for another replica's. When a snapshot may be
 * used is {@link KeptCopies}' rule, the subscription being its feed: a check that read Redis before
 * a revocation and keeps its snapshot after the eviction leaves only a dead copy; while the
 * subscription is down nothing is kept or used, and when it is back the memory starts empty.
 */
@ApplicationScoped
public class RecentDeviceChecks {

    /**
     * Devices remembered at most: one replica sees a device again within the max age only when it
     * logs in that often, and a 10,000-device reconnect storm fits twice. An entry (UUID, snapshot
     * strings, map node) is about 400 bytes, so at most ~8 MB.
     */
    static final int MAX_DEVICES = 20_000;

    /** A login that matched: the device's place, and the HMAC of its secret that a new attempt must match. */
    public record Match(UUID place, String mac) {
    }

    private final KeptCopies<UUID, Match> kept;

    @Inject
    RecentDeviceChecks(MqttAccessSettings settings, LoginMetrics metrics) {
        this(settings.authCacheTtlSeconds() > 0 ? settings.authLocalMaxAgeMillis() : 0, MAX_DEVICES, System::nanoTime);
        metrics.copiesKept(this::size);
    }

    /** @param maxAgeMillis 0 turns the layer off */
    RecentDeviceChecks(long maxAgeMillis, int maxDevices, LongSupplier nanoTime) {
        this.kept = new KeptCopies<>(maxAgeMillis, maxDevices, nanoTime, Function.identity(), match -> 1);
    }

    /** For CDI's client proxy. */
    RecentDeviceChecks() {
        this(0, 0, System::nanoTime);
    }

    /** Whether this replica keeps copies at all (then it subscribes to revocations). */
    public boolean enabled() {
        return kept.enabled();
    }

    /** A ticket to keep what is about to be read for the device; empty while nothing may be kept. */
    public Optional<KeptCopies.Ticket> ticket(UUID deviceId) {
        return kept.ticket(deviceId);
    }

    /** The device's snapshot, if one read within the max age, with no eviction since, is kept. */
    public Optional<Match> fresh(UUID deviceId) {
        return kept.fresh(deviceId);
    }

    /** Keeps a snapshot read after the ticket was taken. Beyond the bound, stale copies go first, else it is not kept. */
    public void keep(UUID deviceId, Match match, KeptCopies.Ticket ticket) {
        kept.keep(deviceId, match, ticket);
    }

    /** The devices' copies are void from now on, and dropped. */
    public void evict(Collection<UUID> deviceIds) {
        deviceIds.forEach(kept::evict);
    }

    /** Every copy is void from now on, and dropped. */
    public void evictAll() {
        kept.evictAll();
    }

    /** The revocation subscription is up (again): start from nothing, then keep. */
    public void subscribed() {
        kept.feedUp();
    }

    /** The subscription is down: keep and use nothing until {@link #subscribed()}. */
    public void unsubscribed() {
        kept.feedDown();
    }

    /** How many devices are remembered now. */
    public int size() {
        return kept.size();
    }
}

package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.devices.AuthKey;
import com.placebrain.devices.platform.cache.KeptCopies;
import com.placebrain.devices.platform.security.Secrets;
import com.placebrain.devices.platform.validation.CanonicalUuid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;

/**
 * Redis memory of device checks, so that a reconnect storm costs a Redis round trip per device
 * instead of a registry read each: after a secret passed, a keyed hash of it (HMAC-SHA256) and
 * the device's place are kept for a bounded time. A leaked Redis thus reveals no token, and
 * without the key not even a way to test guesses offline.
 *
 * <p>Revocation works through a per-device version ({@code mqtt:device:cred-version:{id}},
 * INCR on revoke): every entry holds the version read before the database was asked and counts
 * only while that is still the current one, so a revocation reaches every replica at once, and a
 * check that read the old token before a revocation leaves only a dead entry. Entries are written
 * only while that version is still current (compare-and-set in Lua), so such a check does not
 * even overwrite a newer, valid entry. A check that reads the version after the revocation but
 * the database before the change commits is what {@link DeviceCredentialRevocation}'s second,
 * after-completion revocation is for.
 *
 * <p>The version key outlives every entry (7 days, refreshed on each revocation, against at most
 * one day for an entry since it was written or last renewed, and only an entry of the current
 * version is renewed), so when it finally expires and reads as "0" again, no entry made before a
 * revocation is left to match.
 *
 * <p>In front of Redis, each replica keeps what it read for devices that just logged in
 * ({@link RecentDeviceChecks}, for {@code devices.mqtt.auth-local-max-age-ms}): a revocation
 * publishes the device ids on {@code mqtt:device:revoked} in the same script as the version bump,
 * and each replica's {@link DeviceRevocationSubscriber} drops its copies; this replica drops its own
 * at once. Such a device's Redis entry is then renewed at most once per max age, far within its TTL.
 *
 * <p>The HMAC key is {@link AuthKey}'s; with a key per replica, another replica's entry is just
 * a miss.
 */
@ApplicationScoped
public class DeviceAuthCache {

    static final long PLACE_TTL_SECONDS = 3_600;
    static final long VERSION_TTL_SECONDS = 7 * 86_400;
    static final String NO_VERSION = "0";

    /** KEYS[1] version, KEYS[2..n] entries; ARGV[1] expected version, then value and TTL per entry. */
    private static final String REMEMBER = """
            local current = redis.call('GET', KEYS[1]) or '0'
            if current ~= ARGV[1] then return 0 end
            for i = 2, #KEYS do
              redis.call('SET', KEYS[i], ARGV[2 * i - 2], 'EX', ARGV[2 * i - 1])
            end
            return 1
            """;

    /**
     * KEYS: per device its version, entry and place; ARGV[1] the version's TTL, ARGV[2] the channel,
     * ARGV[3] the device ids, comma-separated. The bump and the message are one step: no replica can
     * see the new version without the message being on its way.
     */
    private static final String REVOKE = """
            for i = 1, #KEYS, 3 do
              redis.call('INCR', KEYS[i])
              redis.call('EXPIRE', KEYS[i], ARGV[1])
              redis.call('DEL', KEYS[i + 1], KEYS[i + 2])
            end
            redis.call('PUBLISH', ARGV[2], ARGV[3])
            return 1
            """;

    /** KEYS[1] version, KEYS[2] entry; ARGV[1] TTL. Returns the version ('0' if none) and the entry or nil. */
    private static final String READ_AND_RENEW = """
            local version = redis.call('GET', KEYS[1]) or '0'
            local entry = redis.call('GET', KEYS[2])
            if entry and string.sub(entry, 1, #version + 1) == version .. '|' then
              redis.call('EXPIRE', KEYS[2], ARGV[1])
            end
            return {version, entry}
            """;

    private final JedisPooled redis;
    private final MqttKeys keys;
    private final AuthKey key;
    private final RecentDeviceChecks recent;
    /** 0 turns the secret cache off (every check reads the registry). */
    private final long ttlSeconds;

    @Inject
    DeviceAuthCache(JedisPooled redis, MqttKeys keys, AuthKey key, RecentDeviceChecks recent, MqttAccessSettings settings) {
        this.redis = redis;
        this.keys = keys;
        this.key = key;
        this.recent = recent;
        this.ttlSeconds = settings.authCacheTtlSeconds();
    }

    /** For CDI's client proxy. */
    DeviceAuthCache() {
        redis = null;
        keys = null;
        key = null;
        recent = null;
        ttlSeconds = 0;
    }

    /**
     * What Redis held for a device at one moment: the current version and an entry, if any; with
     * the ticket taken before the read when this replica may keep it ({@link RecentDeviceChecks}).
     */
    public record Snapshot(String version, Optional<String> entry, Optional<KeptCopies.Ticket> ticket) {

        Snapshot(String version, Optional<String> entry) {
            this(version, entry, Optional.empty());
        }
    }

    public boolean enabled() {
        return ttlSeconds > 0;
    }

    /**
     * The version and the device's check entry, atomically and in one round trip, renewing the
     * entry's time to live when it was made under the current version: a device that logs in
     * again within the TTL stays cached, and only devices idle for the whole TTL meet the registry
     * again. An entry of an older version is never renewed, so it cannot outlive the version key
     * (see the class comment) by being asked for.
     */
    public Snapshot authSnapshot(UUID deviceId) {
        if (!enabled()) {
            return snapshot(keys.deviceAuth(deviceId), deviceId);
        }
        Optional<KeptCopies.Ticket> ticket = recent.ticket(deviceId);
        List<?> values = (List<?>) redis.eval(READ_AND_RENEW,
                List.of(keys.deviceCredentialVersion(deviceId), keys.deviceAuth(deviceId)),
                List.of(Long.toString(ttlSeconds)));
        return new Snapshot((String) values.get(0), Optional.ofNullable((String) values.get(1)), ticket);
    }

    /**
     * The place, when this replica read a snapshot of the device within the local max age, with no
     * revocation since, whose entry matches exactly this secret: no Redis round trip. Empty
     * otherwise (then {@link #authSnapshot} asks Redis).
     */
    public Optional<UUID> recentPlaceIfSecretMatches(UUID deviceId, String secret) {
        return recent.fresh(deviceId)
                .filter(match -> Secrets.equalInConstantTime(match.mac(), mac(deviceId, secret)))
                .map(RecentDeviceChecks.Match::place);
    }

    /**
     * Keeps a login whose snapshot just matched ({@link #placeIfSecretMatches} gave {@code placeId}),
     * for {@link #recentPlaceIfSecretMatches}.
     */
    public void keepRecent(UUID deviceId, Snapshot snapshot, UUID placeId, String secret) {
        snapshot.ticket().ifPresent(ticket ->
                recent.keep(deviceId, new RecentDeviceChecks.Match(placeId, mac(deviceId, secret)), ticket));
    }

    public Snapshot placeSnapshot(UUID deviceId) {
        return snapshot(keys.devicePlace(deviceId), deviceId);
    }

    /** The place of the entry, if it was made under the current version for exactly this secret. */
    public Optional<UUID> placeIfSecretMatches(Snapshot snapshot, UUID deviceId, String secret) {
        if (snapshot.entry().isEmpty()) {
            return Optional.empty();
        }
        String[] parts = snapshot.entry().get().split("\\|", 3);
        if (parts.length != 3 || !parts[0].equals(snapshot.version())
                || !Secrets.equalInConstantTime(parts[2], mac(deviceId, secret))) {
            return Optional.empty();
        }
        return CanonicalUuid.inName(parts[1]);
    }

    /** The place of the entry, if it was made under the current version. */
    public Optional<UUID> place(Snapshot snapshot) {
        if (snapshot.entry().isEmpty()) {
            return Optional.empty();
        }
        String[] parts = snapshot.entry().get().split("\\|", 2);
        return parts.length == 2 && parts[0].equals(snapshot.version()) ? CanonicalUuid.inName(parts[1]) : Optional.empty();
    }

    /** Remembers a secret that just passed bcrypt, and the place, unless a revocation came in between. */
    public void rememberSecret(UUID deviceId, String version, UUID placeId, String secret) {
        List<String> entryKeys = new ArrayList<>(List.of(keys.deviceCredentialVersion(deviceId), keys.devicePlace(deviceId)));
        List<String> args = new ArrayList<>(List.of(version, version + "|" + placeId, Long.toString(PLACE_TTL_SECONDS)));
        if (enabled()) {
            entryKeys.add(keys.deviceAuth(deviceId));
            args.add(version + "|" + placeId + "|" + mac(deviceId, secret));
            args.add(Long.toString(ttlSeconds));
        }
        redis.eval(REMEMBER, entryKeys, args);
    }

    /** Remembers the place read from the registry, unless a revocation came in between. */
    public void rememberPlace(UUID deviceId, String version, UUID placeId) {
        redis.eval(REMEMBER, List.of(keys.deviceCredentialVersion(deviceId), keys.devicePlace(deviceId)),
                List.of(version, version + "|" + placeId, Long.toString(PLACE_TTL_SECONDS)));
    }

    /**
     * Bumps the versions (every replica's entries become misses), drops the entries and tells every
     * replica to drop its copies; this replica's go at once, even when Redis did not answer.
     */
    public void revoke(Collection<UUID> deviceIds) {
        if (deviceIds.isEmpty()) {
            return;
        }
        List<String> entryKeys = new ArrayList<>(deviceIds.size() * 3);
        StringJoiner ids = new StringJoiner(",");
        for (UUID id : deviceIds) {
            entryKeys.add(keys.deviceCredentialVersion(id));
            entryKeys.add(keys.deviceAuth(id));
            entryKeys.add(keys.devicePlace(id));
            ids.add(id.toString());
        }
        try {
            redis.eval(REVOKE, entryKeys, List.of(Long.toString(VERSION_TTL_SECONDS), keys.deviceRevocations(), ids.toString()));
        } finally {
            // After the bump: a copy read before it is void whatever the order of the two.
            recent.evict(deviceIds);
        }
    }

    private Snapshot snapshot(String entryKey, UUID deviceId) {
        List<String> values = redis.mget(keys.deviceCredentialVersion(deviceId), entryKey);
        String version = values.get(0) == null ? NO_VERSION : values.get(0);
        return new Snapshot(version, Optional.ofNullable(values.get(1)));
    }

    private String mac(UUID deviceId, String secret) {
        // Bound to the device, so an entry copied to another device's key would not match.
        return key.hmacHex(deviceId + ":" + secret);
    }
}

package com.placebrain.devices.mqttaccess;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Users' short-lived MQTT credentials, in Redis under {@code mqtt:cred:user:{user_id}}
 * (CONTRACT §4): a hash from the SHA-256 of each password to its expiry (Unix seconds), with the
 * key's TTL at the newest expiry. A user may hold several sets at once (one per browser tab);
 * invalidation drops them all by deleting the key.
 *
 * <p>Why SHA-256 and not bcrypt: these passwords are 256-bit random secrets we generate, so a
 * preimage search is infeasible whatever the hash's speed; bcrypt's slowness only protects
 * guessable, human-chosen passwords. An unkeyed hash also means any replica can verify what
 * another issued, with no shared key to distribute. Looking a hash up as a hash field leaks
 * nothing useful by timing: finding a field means finding a SHA-256 preimage.
 *
 * <p>The Python service kept its users' credentials under the same key in a layout of its own.
 * Such a key, left in Redis when this service takes over, verifies no password (its layout is
 * not ours to trust) and is replaced by the user's next set, so nobody waits 24 h for it to
 * expire.
 */
@ApplicationScoped
public class UserCredentialStore {

    static final String KEY = "mqtt:cred:user:";
    static final Duration TTL = Duration.ofHours(24);
    /** Bounds the hash if a client keeps asking; the sets closest to expiry go first. */
    static final int MAX_SETS_PER_USER = 20;

    /**
     * Adds a set, prunes expired and surplus ones, and moves the key's expiry to the newest set.
     * The new set sorts last among equal expiries, so it is never the one pruned.
     */
    private static final String ISSUE = """
            if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then redis.call('DEL', KEYS[1]) end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            local now = tonumber(ARGV[3])
            local all = redis.call('HGETALL', KEYS[1])
            local live = {}
            local newest = 0
            local newestText = ARGV[2]
            for i = 1, #all, 2 do
              local expiry = tonumber(all[i + 1])
              if expiry == nil or expiry <= now then
                redis.call('HDEL', KEYS[1], all[i])
              else
                local rank = expiry
                if all[i] == ARGV[1] then rank = expiry + 0.5 end
                table.insert(live, {all[i], rank})
                if expiry > newest then newest = expiry; newestText = all[i + 1] end
              end
            end
            local surplus = #live - tonumber(ARGV[4])
            if surplus > 0 then
              table.sort(live, function(a, b) return a[2] < b[2] end)
              for i = 1, surplus do redis.call('HDEL', KEYS[1], live[i][1]) end
            end
            redis.call('EXPIREAT', KEYS[1], newestText)
            return 1
            """;

    @Inject
    JedisPooled redis;

    @Inject
    BrokerSessions sessions;

    MqttKeys keys = MqttKeys.PRODUCTION;
    InstantSource clock = InstantSource.system();

    /** A new set for this user, valid for 24 h next to the user's other sets. */
    public IssuedCredentials issue(UUID userId) {
        String password = Secrets.newSecret();
        long now = clock.instant().getEpochSecond();
        long expiresAt = now + TTL.toSeconds();
        redis.eval(ISSUE, List.of(keys.userCredentials(userId)), List.of(Secrets.sha256Hex(password),
                Long.toString(expiresAt), Long.toString(now), Integer.toString(MAX_SETS_PER_USER)));
        return new IssuedCredentials(new MqttIdentity.User(userId).username(), password, expiresAt);
    }

    /** The expiry (Unix seconds) of the set this password belongs to, if it is one and still valid. */
    public OptionalLong verify(UUID userId, String password) {
        if (!Secrets.isPlausiblePassword(password)) {
            return OptionalLong.empty();
        }
        String expiry;
        try {
            expiry = redis.hget(keys.userCredentials(userId), Secrets.sha256Hex(password));
        } catch (JedisDataException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("WRONGTYPE")) {
                return OptionalLong.empty();
            }
            throw e;
        }
        if (expiry == null) {
            return OptionalLong.empty();
        }
        try {
            long expiresAt = Long.parseLong(expiry);
            return expiresAt > clock.instant().getEpochSecond() ? OptionalLong.of(expiresAt) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Drops every credential set of these users at once and ends their broker sessions; idempotent. */
    public void invalidate(Collection<UUID> userIds) {
        if (!userIds.isEmpty()) {
            redis.del(userIds.stream().map(keys::userCredentials).toArray(String[]::new));
            sessions.kick(userIds.stream().map(id -> new MqttIdentity.User(id).username()).toList());
        }
    }
}

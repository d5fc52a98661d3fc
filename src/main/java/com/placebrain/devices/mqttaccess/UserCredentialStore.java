package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;
import redis.clients.jedis.JedisPooled;

/**
 * Users' short-lived MQTT credentials, in Redis under {@code mqtt:user:credentials:{user_id}}: a
 * hash from the SHA-256 of each password to its expiry (Unix seconds), with the key's TTL at the
 * newest expiry. A user may hold several sets at once (one per browser tab); invalidation drops
 * them all by deleting the key.
 *
 * <p>Why SHA-256 and not bcrypt: these passwords are 256-bit random secrets we generate, so a
 * preimage search is infeasible whatever the hash's speed; bcrypt's slowness only protects
 * guessable, human-chosen passwords. An unkeyed hash also means any replica can verify what
 * another issued, with no shared key to distribute. Looking a hash up as a hash field leaks
 * nothing useful by timing: finding a field means finding a SHA-256 preimage.
 *
 * <p>The Python service keeps its users' credentials under {@code mqtt:cred:user:{user_id}} in a
 * layout of its own, and reads every field of it (CONTRACT §4). The key is not ours: we never
 * write it, so a rollback finds none of our keys there; we never trust it; but invalidation also
 * deletes it, so credentials the Python service issued before the switch stop working with the
 * rest of the user's (should the Python service be back to read them).
 */
@ApplicationScoped
public class UserCredentialStore {

    static final String KEY = "mqtt:user:credentials:";
    /** The Python service's key (CONTRACT §4): only ever deleted. */
    static final String PYTHON_KEY = "mqtt:cred:user:";
    static final Duration TTL = Duration.ofHours(24);
    /** Bounds the hash if a client keeps asking; the sets closest to expiry go first. */
    static final int MAX_SETS_PER_USER = 20;

    /**
     * Adds a set, prunes expired and surplus ones, and moves the key's expiry to the newest set.
     * The new set sorts last among equal expiries, so it is never the one pruned.
     */
    private static final String ISSUE = """
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

    private final JedisPooled redis;
    private final MqttKeys keys;
    private final BrokerSessions sessions;
    private final InstantSource clock;

    @Inject
    UserCredentialStore(JedisPooled redis, MqttKeys keys, BrokerSessions sessions, InstantSource clock) {
        this.redis = redis;
        this.keys = keys;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    UserCredentialStore() {
        this(null, null, null, null);
    }

    /** A new set for this user, valid for 24 h next to the user's other sets. */
    public IssuedCredentials issue(UUID userId) {
        String password = Secrets.newToken();
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
        String expiry = redis.hget(keys.userCredentials(userId), Secrets.sha256Hex(password));
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

    /**
     * Drops every credential set of these users at once, ours and any the Python service left,
     * and ends their broker sessions; idempotent.
     */
    public void invalidate(Collection<UUID> userIds) {
        if (!userIds.isEmpty()) {
            redis.del(userIds.stream()
                    .flatMap(id -> Stream.of(keys.userCredentials(id), keys.pythonUserCredentials(id)))
                    .toArray(String[]::new));
            sessions.kick(userIds.stream().map(id -> new MqttIdentity.User(id).username()).toList());
        }
    }
}

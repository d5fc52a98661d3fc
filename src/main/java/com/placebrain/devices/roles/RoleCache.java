package com.placebrain.devices.roles;

import com.placebrain.devices.platform.validation.CanonicalUuid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Who holds which role in which place, kept in Redis in the Python service's layout
 * (CONTRACT §4): hash {@code place_roles:{place_id}} user_id → role, and set
 * {@code user_places:{user_id}} of place ids. Ours adds hash {@code place_role_versions:{place_id}}
 * user_id → version of the event last applied (record timestamp, then offset), kept after a
 * removal too, so that replays and out-of-order deliveries of the three member topics converge
 * on the newest state.
 */
@ApplicationScoped
public class RoleCache {

    static final String PLACE_ROLES = "place_roles:";
    static final String USER_PLACES = "user_places:";
    static final String VERSIONS = "place_role_versions:";
    static final String DELETED_PLACES = "deleted_places";
    /** Present while the cache holds everything the member topics said; see RoleCacheRebuild. */
    public static final String READY_MARKER = "role_cache:ready";
    /** The id of the rebuild under way; gone when Redis loses its data again meanwhile. */
    static final String REBUILDING = "role_cache:rebuilding";

    /** The role, and whether the cache was complete, read at one moment. */
    private static final String LOOKUP = """
            return {redis.call('EXISTS', KEYS[1]), redis.call('HGET', KEYS[2], ARGV[1]) or ''}
            """;

    /** The cache is complete only if no data loss came after the rebuild began (its id is still there). */
    private static final String FINISH_REBUILD = """
            if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], '1')
            redis.call('DEL', KEYS[2])
            return 1
            """;

    /**
     * Applies a role (ARGV[3] non-empty) or a removal (ARGV[3] empty) if its version is newer
     * than the stored one and the place was not deleted at or after that version.
     * Versions are zero-padded "timestamp:offset" strings, so string order is time order.
     */
    private static final String APPLY = """
            local deleted = redis.call('HGET', KEYS[4], ARGV[4])
            if deleted and deleted >= ARGV[2] then return 0 end
            local current = redis.call('HGET', KEYS[3], ARGV[1])
            if current and current >= ARGV[2] then return 0 end
            redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
            if ARGV[3] ~= '' then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
              redis.call('SADD', KEYS[2], ARGV[4])
            else
              redis.call('HDEL', KEYS[1], ARGV[1])
              redis.call('SREM', KEYS[2], ARGV[4])
            end
            return 1
            """;

    /** Forgets a place's roles; remembers the deletion's version so older role events stay dropped. */
    private static final String DROP_PLACE = """
            local deleted = redis.call('HGET', KEYS[3], ARGV[1])
            if not deleted or deleted < ARGV[2] then redis.call('HSET', KEYS[3], ARGV[1], ARGV[2]) end
            local users = redis.call('HKEYS', KEYS[1])
            for _, user in ipairs(users) do redis.call('SREM', ARGV[3] .. user, ARGV[1]) end
            redis.call('DEL', KEYS[1], KEYS[2])
            return users
            """;

    private final JedisPooled redis;

    @Inject
    public RoleCache(JedisPooled redis) {
        this.redis = redis;
    }

    /** For CDI's client proxy only. */
    protected RoleCache() {
        this.redis = null;
    }

    /** Hash user_id → role (lower case) of the users who hold one in the place. */
    public static String placeRolesKey(UUID placeId) {
        return PLACE_ROLES + placeId;
    }

    /** Set of the ids of the places where the user holds a role. */
    public static String userPlacesKey(UUID userId) {
        return USER_PLACES + userId;
    }

    /** Hash user_id → version of the member event last applied in the place. */
    public static String versionsKey(UUID placeId) {
        return VERSIONS + placeId;
    }

    /** The version of a Kafka record: its timestamp, then its offset. */
    public static String version(long timestamp, long offset) {
        return String.format("%015d:%019d", Math.max(timestamp, 0), Math.max(offset, 0));
    }

    /** A user's role in a place, and whether the cache was known to be complete when it was read. */
    public record Lookup(Optional<Role> role, boolean complete) {
    }

    /** Both read at one moment (a script): for a role that {@link #roleOf} did not find. */
    public Lookup lookup(UUID userId, UUID placeId) {
        Object answer = redis.eval(LOOKUP, List.of(READY_MARKER, placeRolesKey(placeId)), List.of(userId.toString()));
        List<?> values = (List<?>) answer;
        return new Lookup(Role.fromWire(String.valueOf(values.get(1))), Long.valueOf(1).equals(values.get(0)));
    }

    public Optional<Role> roleOf(UUID userId, UUID placeId) {
        return Role.fromWire(redis.hget(placeRolesKey(placeId), userId.toString()));
    }

    public Set<String> placesOf(UUID userId) {
        return redis.smembers(userPlacesKey(userId));
    }

    /** Returns whether the event changed the cache (false: older than what is there). */
    public boolean apply(UUID placeId, UUID userId, Optional<Role> role, String version) {
        Object changed = redis.eval(APPLY, applyKeys(placeId, userId), applyArgs(placeId, userId, role, version));
        return Long.valueOf(1).equals(changed);
    }

    /** Drops every role of the place; returns the users who had one. */
    public List<UUID> dropPlace(UUID placeId, String version) {
        Object users = redis.eval(DROP_PLACE, dropPlaceKeys(placeId), dropPlaceArgs(placeId, version));
        List<UUID> ids = new ArrayList<>();
        if (users instanceof List<?> list) {
            // What is not a user id cannot be a member of ours: skipped, as AccessFactsSource skips it.
            list.forEach(u -> CanonicalUuid.inName(u.toString()).ifPresent(ids::add));
        }
        return ids;
    }

    /**
     * Applies events in their order with the rules of {@link #apply} and {@link #dropPlace}, in one
     * round trip: a rebuild replays whole topics, where a round trip per event took 21-31 s for
     * 150,000 memberships. Throws when Redis refused any of them.
     */
    public void replay(List<MemberEvent> events) {
        List<Response<Object>> answers = new ArrayList<>(events.size());
        try (Pipeline pipeline = redis.pipelined()) {
            for (MemberEvent event : events) {
                answers.add(switch (event) {
                    case MemberEvent.RoleGranted granted -> pipeline.eval(APPLY, applyKeys(granted.placeId(), granted.userId()),
                            applyArgs(granted.placeId(), granted.userId(), Optional.of(granted.role()), granted.version()));
                    case MemberEvent.MemberRemoved removed -> pipeline.eval(APPLY, applyKeys(removed.placeId(), removed.userId()),
                            applyArgs(removed.placeId(), removed.userId(), Optional.empty(), removed.version()));
                    case MemberEvent.PlaceDeleted deleted -> pipeline.eval(DROP_PLACE, dropPlaceKeys(deleted.placeId()),
                            dropPlaceArgs(deleted.placeId(), deleted.version()));
                });
            }
            pipeline.sync();
        }
        answers.forEach(Response::get);
    }

    private static List<String> applyKeys(UUID placeId, UUID userId) {
        return List.of(placeRolesKey(placeId), userPlacesKey(userId), versionsKey(placeId), DELETED_PLACES);
    }

    private static List<String> applyArgs(UUID placeId, UUID userId, Optional<Role> role, String version) {
        return List.of(userId.toString(), version, role.map(Role::wireName).orElse(""), placeId.toString());
    }

    private static List<String> dropPlaceKeys(UUID placeId) {
        return List.of(placeRolesKey(placeId), versionsKey(placeId), DELETED_PLACES);
    }

    private static List<String> dropPlaceArgs(UUID placeId, String version) {
        return List.of(placeId.toString(), version, USER_PLACES);
    }

    public boolean isReady() {
        return redis.exists(READY_MARKER);
    }

    /** Notes that a rebuild begins; returns its id, for {@link #finishRebuild}. */
    public String beginRebuild() {
        String id = UUID.randomUUID().toString();
        redis.set(REBUILDING, id);
        return id;
    }

    /** Marks the cache complete; false if Redis lost its data since the rebuild began. */
    public boolean finishRebuild(String rebuildId) {
        return Long.valueOf(1).equals(redis.eval(FINISH_REBUILD, List.of(READY_MARKER, REBUILDING), List.of(rebuildId)));
    }
}

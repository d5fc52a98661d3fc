package com.placebrain.devices.it.support;

import com.placebrain.devices.roles.RoleCache;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.JedisPooled;

/**
 * Roles in the real role cache, as the places service fills it (CONTRACT §4), with the
 * production key builders of {@link RoleCache}: hash {@code place_roles:{place_id}} user_id →
 * role (lower case) and set {@code user_places:{user_id}} of place ids. A role put here directly
 * looks as if its member event had arrived long ago.
 *
 * <p>{@link #cleanUp()} (and {@link #close()}) takes back every grant field by field, so shared
 * keys (the fixture's place) keep the roles other tests set there, and drops every key of the
 * places and users this fixture made ({@link #newPlace()}, {@link #newUser()}): what the service
 * wrote there in reaction to events goes too.
 */
public final class RoleFixture implements AutoCloseable {

    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    private final JedisPooled redis = TestEnvironment.redis();
    private final Set<Grant> grants = ConcurrentHashMap.newKeySet();
    private final List<String> places = new CopyOnWriteArrayList<>();
    private final List<String> users = new CopyOnWriteArrayList<>();

    private record Grant(String placeId, String userId) {
    }

    /** A place and its owner, both made by the fixture. */
    public record OwnedPlace(String place, String owner) {
    }

    // ------------------------------------------------------------ ids the fixture cleans up after

    /** A fresh place id; its role cache keys are dropped on clean-up. */
    public String newPlace() {
        String id = Ids.newId();
        places.add(id);
        return id;
    }

    /** A fresh user id; its role cache keys are dropped on clean-up. */
    public String newUser() {
        String id = Ids.newId();
        users.add(id);
        return id;
    }

    /** A place id made elsewhere whose role cache keys are to be dropped on clean-up too. */
    public void trackPlace(String placeId) {
        places.add(placeId);
    }

    /** The users made by {@link #newUser()} and not yet cleaned up after. */
    public List<String> users() {
        return List.copyOf(users);
    }

    // ------------------------------------------------------------ granting

    /** {@code role} of the user in the place, put into the cache directly. */
    public void grant(String placeId, String userId, String role) {
        grants.add(new Grant(placeId, userId));
        redis.hset(placeRoles(placeId), userId, role);
        redis.sadd(userPlaces(userId), placeId);
    }

    /** Takes the user's role in the place back, as a member.removed would. */
    public void revoke(String placeId, String userId) {
        redis.srem(userPlaces(userId), placeId);
        redis.hdel(placeRoles(placeId), userId);
    }

    /** A fresh user holding {@code role} in the place. */
    public String newMember(String placeId, String role) {
        String userId = newUser();
        grant(placeId, userId, role);
        return userId;
    }

    /** A fresh user who owns the place. */
    public String newOwner(String placeId) {
        return newMember(placeId, OWNER);
    }

    /** A fresh place and its fresh owner. */
    public OwnedPlace newOwnedPlace() {
        String place = newPlace();
        return new OwnedPlace(place, newOwner(place));
    }

    // ------------------------------------------------------------ reading the cache

    /** The user's role in the place, null when there is none. */
    public String roleOf(String placeId, String userId) {
        return redis.hget(placeRoles(placeId), userId);
    }

    /** Every user → role of the place. */
    public Map<String, String> rolesIn(String placeId) {
        return redis.hgetAll(placeRoles(placeId));
    }

    /** Whether the cache holds any role of the place. */
    public boolean hasPlace(String placeId) {
        return redis.exists(placeRoles(placeId));
    }

    /** The places listed for the user. */
    public Set<String> placesOf(String userId) {
        return redis.smembers(userPlaces(userId));
    }

    public boolean placeListed(String userId, String placeId) {
        return redis.sismember(userPlaces(userId), placeId);
    }

    /** Whether the cache is known to be complete (the service's rebuild is done). */
    public boolean cacheReady() {
        return redis.exists(RoleCache.READY_MARKER);
    }

    // ------------------------------------------------------------ cleaning up

    /** Best effort: takes back the grants and drops the keys of the places and users made here. */
    public void cleanUp() {
        try {
            for (Grant grant : grants) {
                redis.hdel(placeRoles(grant.placeId()), grant.userId());
                redis.srem(userPlaces(grant.userId()), grant.placeId());
            }
            for (String place : places) {
                redis.del(placeRoles(place), RoleCache.versionsKey(UUID.fromString(place)));
            }
            for (String user : users) {
                redis.del(userPlaces(user));
            }
        } catch (RuntimeException ignored) {
            // cleanup only
        } finally {
            grants.clear();
            places.clear();
            users.clear();
        }
    }

    @Override
    public void close() {
        try {
            cleanUp();
        } finally {
            redis.close();
        }
    }

    private static String placeRoles(String placeId) {
        return RoleCache.placeRolesKey(UUID.fromString(placeId));
    }

    private static String userPlaces(String userId) {
        return RoleCache.userPlacesKey(UUID.fromString(userId));
    }
}

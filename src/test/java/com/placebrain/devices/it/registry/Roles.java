package com.placebrain.devices.it.registry;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.JedisPooled;

/**
 * The role cache as the places service fills it (CONTRACT §4): hash {@code place_roles:{place_id}}
 * user_id → role and set {@code user_places:{user_id}} of place ids; roles lower-case. Every grant
 * is remembered and taken back field by field on {@link #close()}, so shared keys (the fixture's
 * place) keep the roles other tests set there.
 */
final class Roles implements AutoCloseable {

    static final String OWNER = "owner";
    static final String ADMIN = "admin";
    static final String VIEWER = "viewer";

    private static final String PLACE_ROLES = "place_roles:";
    private static final String USER_PLACES = "user_places:";

    private final JedisPooled redis = new JedisPooled(System.getProperty("it.redis.host", "127.0.0.1"),
            Integer.getInteger("it.redis.port", 6379));
    private final Set<Grant> grants = ConcurrentHashMap.newKeySet();

    private record Grant(String placeId, String userId) {
    }

    /** A fresh user holding {@code role} in the place. */
    String newMember(String placeId, String role) {
        String userId = UUID.randomUUID().toString();
        grant(placeId, userId, role);
        return userId;
    }

    void grant(String placeId, String userId, String role) {
        grants.add(new Grant(placeId, userId));
        redis.hset(PLACE_ROLES + placeId, userId, role);
        redis.sadd(USER_PLACES + userId, placeId);
    }

    @Override
    public void close() {
        try {
            for (Grant grant : grants) {
                redis.hdel(PLACE_ROLES + grant.placeId(), grant.userId());
                redis.srem(USER_PLACES + grant.userId(), grant.placeId());
            }
            grants.clear();
        } finally {
            redis.close();
        }
    }
}

package com.placebrain.devices.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The rebuild's replay of member events in one pipeline ({@link RoleCache#replay}) on the real
 * Redis: the same version rules as live events, in the events' order, and a refusal by Redis is
 * an error of the whole replay (the rebuild then retries), never a silently missing role.
 */
class RoleCacheReplayTest {

    private final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    private final RoleCache cache = new RoleCache(redis);
    private final UUID place = UUID.randomUUID();
    private final UUID deletedPlace = UUID.randomUUID();
    private final UUID removed = UUID.randomUUID();
    private final UUID viewer = UUID.randomUUID();
    private final UUID formerOwner = UUID.randomUUID();
    private final UUID lateAdmin = UUID.randomUUID();

    @AfterEach
    void tearDown() {
        for (UUID p : List.of(place, deletedPlace)) {
            redis.del(RoleCache.placeRolesKey(p), RoleCache.versionsKey(p));
            redis.hdel(RoleCache.DELETED_PLACES, p.toString());
        }
        for (UUID u : List.of(removed, viewer, formerOwner, lateAdmin)) {
            redis.del(RoleCache.userPlacesKey(u));
        }
        redis.close();
    }

    private static String v(long time) {
        return RoleCache.version(time, 0);
    }

    @Test
    void aReplayAppliesTheVersionRulesInOrder() {
        cache.replay(List.of(
                new MemberEvent.RoleGranted(place, removed, Role.ADMIN, v(1)),
                new MemberEvent.MemberRemoved(place, removed, v(2)),
                new MemberEvent.RoleGranted(place, removed, Role.OWNER, v(1)), // older than the removal
                new MemberEvent.RoleGranted(place, viewer, Role.ADMIN, v(4)),
                new MemberEvent.RoleGranted(place, viewer, Role.VIEWER, v(5)),
                new MemberEvent.RoleGranted(deletedPlace, formerOwner, Role.OWNER, v(5)),
                new MemberEvent.PlaceDeleted(deletedPlace, List.of(formerOwner), v(6)),
                new MemberEvent.RoleGranted(deletedPlace, lateAdmin, Role.ADMIN, v(5)))); // older than the deletion

        assertEquals(Map.of(viewer.toString(), "viewer"), redis.hgetAll(RoleCache.placeRolesKey(place)));
        assertFalse(redis.sismember(RoleCache.userPlacesKey(removed), place.toString()));
        assertTrue(redis.sismember(RoleCache.userPlacesKey(viewer), place.toString()));
        assertEquals(v(2), redis.hget(RoleCache.versionsKey(place), removed.toString()));
        assertTrue(redis.hgetAll(RoleCache.placeRolesKey(deletedPlace)).isEmpty());
        assertFalse(redis.sismember(RoleCache.userPlacesKey(formerOwner), deletedPlace.toString()));
        assertFalse(redis.sismember(RoleCache.userPlacesKey(lateAdmin), deletedPlace.toString()));
        assertEquals(v(6), redis.hget(RoleCache.DELETED_PLACES, deletedPlace.toString()));
    }

    @Test
    void aReplayEndsAsTheSameEventsAppliedOneByOne() {
        List<MemberEvent> events = List.of(
                new MemberEvent.RoleGranted(place, viewer, Role.OWNER, v(3)),
                new MemberEvent.RoleGranted(place, removed, Role.ADMIN, v(3)),
                new MemberEvent.RoleGranted(place, viewer, Role.VIEWER, v(2)),
                new MemberEvent.MemberRemoved(place, removed, v(4)));
        cache.replay(events);
        Map<String, String> replayed = redis.hgetAll(RoleCache.placeRolesKey(place));
        Map<String, String> replayedVersions = redis.hgetAll(RoleCache.versionsKey(place));
        redis.del(RoleCache.placeRolesKey(place), RoleCache.versionsKey(place));

        for (MemberEvent event : events) {
            switch (event) {
                case MemberEvent.RoleGranted g -> cache.apply(g.placeId(), g.userId(), Optional.of(g.role()), g.version());
                case MemberEvent.MemberRemoved r -> cache.apply(r.placeId(), r.userId(), Optional.empty(), r.version());
                case MemberEvent.PlaceDeleted d -> cache.dropPlace(d.placeId(), d.version());
            }
        }
        assertEquals(redis.hgetAll(RoleCache.placeRolesKey(place)), replayed);
        assertEquals(redis.hgetAll(RoleCache.versionsKey(place)), replayedVersions);
        assertEquals(Map.of(viewer.toString(), "owner"), replayed);
    }

    @Test
    void anEventRedisRefusesFailsTheReplay() {
        redis.set(RoleCache.placeRolesKey(place), "not a hash");
        List<MemberEvent> events = List.of(
                new MemberEvent.RoleGranted(place, viewer, Role.VIEWER, v(1)),
                new MemberEvent.RoleGranted(deletedPlace, lateAdmin, Role.ADMIN, v(1)));
        assertThrows(JedisDataException.class, () -> cache.replay(events));
        // The events after the refused one were still applied: a retried rebuild converges.
        assertEquals("admin", redis.hget(RoleCache.placeRolesKey(deletedPlace), lateAdmin.toString()));
    }
}

package com.placebrain.devices.roles;

import com.placebrain.devices.mqttaccess.BrokerSessions;
import com.placebrain.devices.mqttaccess.MqttIdentity;
import com.placebrain.devices.mqttaccess.UserCredentialStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/** Keeps the role cache in step with the places service's member events. */
@ApplicationScoped
public class MembershipService {

    private static final Logger LOG = Logger.getLogger(MembershipService.class.getName());

    @Inject
    RoleCache cache;

    @Inject
    UserCredentialStore credentials;

    @Inject
    BrokerSessions sessions;

    /**
     * member.added and member.role-changed; returns whether the cache changed. A user who had no
     * role in the place is disconnected from the broker: the acl rules of a session are fixed at
     * login, and the reconnect (with the same credentials) brings the new place's topics.
     */
    public boolean roleGranted(UUID placeId, UUID userId, Role role, String version) {
        boolean joined = cache.roleOf(userId, placeId).isEmpty();
        boolean changed = cache.apply(placeId, userId, Optional.of(role), version);
        if (changed && joined) {
            sessions.kick(List.of(new MqttIdentity.User(userId).username()));
        }
        LOG.fine(() -> "role " + role.wireName() + " of " + userId + " in " + placeId + (changed ? "" : " (stale, ignored)"));
        return changed;
    }

    /**
     * member.removed: the role goes (unless the event is older than what the cache holds) and
     * the user's MQTT credentials are invalidated either way, which is harmless when repeated.
     */
    public void memberRemoved(UUID placeId, UUID userId, String version) {
        cache.apply(placeId, userId, Optional.empty(), version);
        credentials.invalidate(List.of(userId));
    }

    /** place.deleted; returns the users who held a role there. */
    public List<UUID> placeDeleted(UUID placeId, String version) {
        return cache.dropPlace(placeId, version);
    }
}

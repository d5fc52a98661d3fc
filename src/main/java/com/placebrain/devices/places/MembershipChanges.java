package com.placebrain.devices.places;

import com.placebrain.devices.mqttaccess.BrokerSessions;
import com.placebrain.devices.mqttaccess.MqttIdentity;
import com.placebrain.devices.mqttaccess.UserCredentialStore;
import com.placebrain.devices.roles.MemberEvent;
import com.placebrain.devices.roles.RoleCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What a member joining, changing role or leaving a place means here: the role cache follows,
 * and so do the member's MQTT sessions and credentials.
 */
@ApplicationScoped
public class MembershipChanges {

    private static final Logger LOG = Logger.getLogger(MembershipChanges.class.getName());

    @Inject
    RoleCache cache;

    @Inject
    UserCredentialStore credentials;

    @Inject
    BrokerSessions sessions;

    /**
     * member.added and member.role-changed (an event older than what the cache holds changes
     * nothing). A user who had no role in the place is disconnected from the broker: the acl rules
     * of a session are fixed at login, and the reconnect (with the same credentials) brings the new
     * place's topics.
     */
    public void roleGranted(MemberEvent.RoleGranted event) {
        boolean joined = cache.roleOf(event.userId(), event.placeId()).isEmpty();
        boolean changed = cache.apply(event.placeId(), event.userId(), Optional.of(event.role()), event.version());
        if (changed && joined) {
            sessions.kick(List.of(new MqttIdentity.User(event.userId()).username()));
        }
        LOG.fine(() -> "role " + event.role().wireName() + " of " + event.userId() + " in " + event.placeId()
                + (changed ? "" : " (stale, ignored)"));
    }

    /**
     * member.removed: the role goes (unless the event is older than what the cache holds) and
     * the user's MQTT credentials are invalidated either way, which is harmless when repeated.
     */
    public void memberRemoved(MemberEvent.MemberRemoved event) {
        cache.apply(event.placeId(), event.userId(), Optional.empty(), event.version());
        credentials.invalidate(List.of(event.userId()));
    }
}

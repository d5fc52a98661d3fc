package com.placebrain.devices.roles;

import static com.placebrain.devices.platform.errors.ServiceException.permissionDenied;
import static com.placebrain.devices.platform.errors.ServiceException.unavailable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/**
 * The authorization rule of every user-facing RPC: reads need any role, writes owner or admin.
 * No role is a refusal only while the role cache is known to be complete: after Redis lost its
 * data, until the rebuild from Kafka is done, it is UNAVAILABLE (the caller may retry), because
 * the role may just not be back yet. A role found is always answered.
 *
 * <p>Nearly every call finds a role: in this replica's copy ({@link RoleCopies}), else with one
 * HGET. Only a missing role costs a second read, of the role and the completeness marker together
 * ({@link RoleCache#lookup}): two separate reads could pair "no role" read before a rebuild put it
 * back with "complete" read after, and refuse a member.
 */
@ApplicationScoped
public class PlaceAccess {

    @Inject
    RoleCache roles;

    @Inject
    RoleCopies copies;

    public void requireRead(UUID userId, UUID placeId) {
        roleIn(userId, placeId);
    }

    public void requireWrite(UUID userId, UUID placeId) {
        Role role = roleIn(userId, placeId);
        if (!role.canWrite()) {
            throw permissionDenied("role " + role.wireName() + " may not change this place");
        }
    }

    private Role roleIn(UUID userId, UUID placeId) {
        Optional<Role> held = copies.roleOf(userId, placeId, () -> roles.roleOf(userId, placeId));
        if (held.isPresent()) {
            return held.get();
        }
        RoleCache.Lookup found = roles.lookup(userId, placeId);
        if (found.role().isPresent()) {
            return found.role().get();
        }
        throw found.complete() ? permissionDenied("user has no role in this place") : unavailable("role cache rebuilding");
    }
}

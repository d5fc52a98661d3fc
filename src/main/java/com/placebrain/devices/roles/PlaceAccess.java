package com.placebrain.devices.roles;

import static com.placebrain.devices.platform.errors.ServiceException.permissionDenied;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** The authorization rule of every user-facing RPC: reads need any role, writes owner or admin. */
@ApplicationScoped
public class PlaceAccess {

    @Inject
    RoleCache roles;

    public void requireRead(UUID userId, UUID placeId) {
        if (roles.roleOf(userId, placeId).isEmpty()) {
            throw permissionDenied("user has no role in this place");
        }
    }

    public void requireWrite(UUID userId, UUID placeId) {
        Role role = roles.roleOf(userId, placeId)
                .orElseThrow(() -> permissionDenied("user has no role in this place"));
        if (!role.canWrite()) {
            throw permissionDenied("role " + role.wireName() + " may not change this place");
        }
    }
}

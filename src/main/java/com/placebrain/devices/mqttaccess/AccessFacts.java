package com.placebrain.devices.mqttaccess;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the I/O layer looked up about an identity, so the ACL itself stays pure.
 *
 * @param devicePlaceId for a device, the place it belongs to; empty for an unknown (e.g.
 *     deleted) device, which is then allowed nothing
 * @param userPlaceIds for a user, the places where the user currently has any role
 */
public record AccessFacts(Optional<UUID> devicePlaceId, Set<UUID> userPlaceIds) {

    public AccessFacts {
        devicePlaceId = devicePlaceId == null ? Optional.empty() : devicePlaceId;
        userPlaceIds = userPlaceIds == null ? Set.of() : Set.copyOf(userPlaceIds);
    }

    public static AccessFacts device(UUID placeId) {
        return new AccessFacts(Optional.of(Objects.requireNonNull(placeId, "placeId")), Set.of());
    }

    public static AccessFacts unknownDevice() {
        return none();
    }

    public static AccessFacts user(Set<UUID> placeIds) {
        return new AccessFacts(Optional.empty(), placeIds);
    }

    /** For the collector and the service, whose rights depend on nothing stored. */
    public static AccessFacts none() {
        return new AccessFacts(Optional.empty(), Set.of());
    }
}

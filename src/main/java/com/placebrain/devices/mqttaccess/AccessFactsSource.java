package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.validation.CanonicalUuid;
import com.placebrain.devices.roles.RoleCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Looks up the {@link AccessFacts} of an identity: a device's place (registry, cached), a
 * user's places from the CURRENT role cache (so a removed member loses a place at once, whatever
 * credentials they hold), nothing for the collector and the service.
 */
@ApplicationScoped
public class AccessFactsSource {

    private final DevicePlaces devicePlaces;
    private final RoleCache roles;

    @Inject
    AccessFactsSource(DevicePlaces devicePlaces, RoleCache roles) {
        this.devicePlaces = devicePlaces;
        this.roles = roles;
    }

    /** For CDI's client proxy. */
    AccessFactsSource() {
        this(null, null);
    }

    public AccessFacts factsFor(MqttIdentity who) {
        return switch (who) {
            case MqttIdentity.Device device -> devicePlaces.placeOf(device.deviceId())
                    .map(AccessFacts::device)
                    .orElseGet(AccessFacts::unknownDevice);
            case MqttIdentity.User user -> AccessFacts.user(placesOf(user.userId()));
            case MqttIdentity.Collector collector -> AccessFacts.none();
            case MqttIdentity.Service service -> AccessFacts.none();
        };
    }

    private Set<UUID> placesOf(UUID userId) {
        Set<UUID> places = new HashSet<>();
        for (String place : roles.placesOf(userId)) {
            // Whatever else might be in the set is no place of ours: skip it, grant nothing.
            CanonicalUuid.inName(place).ifPresent(places::add);
        }
        return places;
    }
}

package com.placebrain.devices.mqttaccess;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/**
 * The place of a device for ACL decisions, from the registry and then from Redis until the
 * device's credentials are revoked (deletion included). A device never changes place. Unknown
 * devices are not remembered: their ids are random, so a miss costs one primary-key read.
 */
@ApplicationScoped
public class DevicePlaces {

    private final DeviceAuthCache cache;
    private final DeviceDirectory directory;

    @Inject
    DevicePlaces(DeviceAuthCache cache, DeviceDirectory directory) {
        this.cache = cache;
        this.directory = directory;
    }

    /** For CDI's client proxy. */
    DevicePlaces() {
        this(null, null);
    }

    public Optional<UUID> placeOf(UUID deviceId) {
        DeviceAuthCache.Snapshot snapshot = cache.placeSnapshot(deviceId);
        Optional<UUID> cached = cache.place(snapshot);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<UUID> place = directory.find(deviceId).map(DeviceDirectory.DeviceCredentials::placeId);
        place.ifPresent(p -> cache.rememberPlace(deviceId, snapshot.version(), p));
        return place;
    }
}

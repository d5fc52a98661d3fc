package com.placebrain.devices.places;

import com.placebrain.devices.devices.DeviceService;
import com.placebrain.devices.mqttaccess.UserCredentialStore;
import com.placebrain.devices.roles.MemberEvent;
import com.placebrain.devices.roles.RoleCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * What a deleted place means here: no more roles in it, no more devices (with their parts and a
 * devices.device.bulk-deleted event), and no MQTT credentials for its members. Each step is
 * idempotent, so a redelivered event changes nothing more.
 */
@ApplicationScoped
public class PlaceDeletion {

    private static final Logger LOG = Logger.getLogger(PlaceDeletion.class.getName());

    @Inject
    RoleCache roles;

    @Inject
    DeviceService devices;

    @Inject
    UserCredentialStore credentials;

    public void placeDeleted(MemberEvent.PlaceDeleted event) {
        UUID placeId = event.placeId();
        Set<UUID> members = new LinkedHashSet<>(event.memberIds());
        members.addAll(roles.dropPlace(placeId, event.version()));
        List<UUID> deleted = devices.deleteAllOfPlace(placeId.toString());
        credentials.invalidate(members);
        LOG.info(() -> "Place " + placeId + " deleted: " + deleted.size() + " devices removed, "
                + members.size() + " members' MQTT credentials invalidated");
    }
}

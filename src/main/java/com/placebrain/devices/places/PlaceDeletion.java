package com.placebrain.devices.places;

import com.placebrain.devices.devices.DeviceService;
import com.placebrain.devices.mqttaccess.UserCredentialStore;
import com.placebrain.devices.roles.MembershipService;
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
    MembershipService membership;

    @Inject
    DeviceService devices;

    @Inject
    UserCredentialStore credentials;

    public void placeDeleted(UUID placeId, List<UUID> memberIds, String version) {
        Set<UUID> members = new LinkedHashSet<>(memberIds);
        members.addAll(membership.placeDeleted(placeId, version));
        List<UUID> deleted = devices.deleteAllOfPlace(placeId.toString());
        credentials.invalidate(members);
        LOG.info(() -> "Place " + placeId + " deleted: " + deleted.size() + " devices removed, "
                + members.size() + " members' MQTT credentials invalidated");
    }
}

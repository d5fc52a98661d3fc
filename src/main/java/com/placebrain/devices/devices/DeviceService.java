package com.placebrain.devices.devices;

import static com.placebrain.devices.platform.errors.ServiceException.invalid;
import static com.placebrain.devices.platform.errors.ServiceException.notFound;

import com.placebrain.devices.actuators.Actuator;
import com.placebrain.devices.events.outbound.DeviceDeleted;
import com.placebrain.devices.events.outbound.DevicesBulkDeleted;
import com.placebrain.devices.events.outbox.Outbox;
import com.placebrain.devices.platform.persistence.Clock;
import com.placebrain.devices.platform.persistence.Ids;
import com.placebrain.devices.platform.validation.Fields;
import com.placebrain.devices.roles.PlaceAccess;
import com.placebrain.devices.sensors.Sensor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/** Devices of a place: the rules of RPCs 1-6, 23 and 24 (CONTRACT §1). */
@ApplicationScoped
public class DeviceService {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    private static final Logger LOG = Logger.getLogger(DeviceService.class.getName());

    @Inject
    DeviceRepository devices;

    @Inject
    DeviceReads reads;

    @Inject
    DeviceTokens tokens;

    @Inject
    PlaceAccess access;

    @Inject
    DeviceScope scope;

    @Inject
    Outbox outbox;

    @Inject
    Event<DeviceTokensRevoked> tokensRevoked;

    @Inject
    Event<DevicesRemoved> removed;

    public record CreatedDevice(UUID id, String token) {
    }

    public record DeviceDetails(DeviceView device, List<Sensor> sensors, List<Actuator> actuators) {
    }

    public record DevicePage(List<DeviceView> devices, int total) {
    }

    /** Returns the device's token; it is not kept, only its hash. */
    @Transactional
    public CreatedDevice create(String userId, String placeId, String name) {
        UUID user = Fields.uuid("user_id", userId);
        UUID place = Fields.uuid("place_id", placeId);
        String deviceName = Fields.name("name", name);
        access.requireWrite(user, place);
        UUID id = Ids.newId();
        DeviceTokens.IssuedToken token = tokens.issue(id);
        Device device = new Device(id, place, deviceName, token.hash(), token.verifier(), Clock.now());
        devices.add(device);
        LOG.info(() -> "Device " + device.id() + " created in place " + place);
        return new CreatedDevice(device.id(), token.token());
    }

    /** The device with its sensors and actuators: one statement, no transaction (DeviceReads). */
    public DeviceDetails get(String userId, String placeId, String deviceId) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        access.requireRead(at.user(), at.place());
        return reads.details(at.place(), at.device()).orElseThrow(() -> notFound("device"));
    }

    /**
     * Newest first; page below 1 means 1, per_page below 1 means 20, capped at 100. One statement,
     * no transaction (DeviceReads).
     */
    public DevicePage list(String userId, String placeId, int page, int perPage) {
        UUID user = Fields.uuid("user_id", userId);
        UUID place = Fields.uuid("place_id", placeId);
        access.requireRead(user, place);
        int size = perPage < 1 ? DEFAULT_PAGE_SIZE : Math.min(perPage, MAX_PAGE_SIZE);
        long offset = (long) (Math.max(page, 1) - 1) * size;
        return reads.page(place, offset, size);
    }

    @Transactional
    public UUID rename(String userId, String placeId, String deviceId, String name) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        String newName = Fields.name("name", name);
        scope.forWrite(at).rename(newName, Clock.now());
        return at.device();
    }

    @Transactional
    public void delete(String userId, String placeId, String deviceId) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        devices.delete(scope.forWrite(at));
        tokensRevoked.fire(new DeviceTokensRevoked(Set.of(at.device())));
        removed.fire(new DevicesRemoved(Set.of(at.device())));
        outbox.record(new DeviceDeleted(at.device(), at.place()));
        LOG.info(() -> "Device " + at.device() + " deleted from place " + at.place());
    }

    /** The old token stops working when this commits. */
    @Transactional
    public String regenerateToken(String userId, String placeId, String deviceId) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        Device device = scope.forWrite(at);
        DeviceTokens.IssuedToken token = tokens.issue(at.device());
        device.replaceToken(token.hash(), token.verifier(), Clock.now());
        tokensRevoked.fire(new DeviceTokensRevoked(Set.of(at.device())));
        LOG.info(() -> "Token of device " + at.device() + " regenerated");
        return token.token();
    }

    /** Internal (places service): removes every device of a place; returns the ids removed. */
    @Transactional
    public List<UUID> deleteAllOfPlace(String placeId) {
        UUID place = Fields.uuid("place_id", placeId);
        List<UUID> ids = devices.deleteAllOfPlace(place);
        if (!ids.isEmpty()) {
            tokensRevoked.fire(new DeviceTokensRevoked(Set.copyOf(ids)));
            removed.fire(new DevicesRemoved(Set.copyOf(ids)));
            outbox.record(new DevicesBulkDeleted(place, ids));
        }
        LOG.info(() -> ids.size() + " devices deleted with place " + place);
        return ids;
    }

    /**
     * A status the device published (telemetry.status) at {@code at}. Returns false, changing
     * nothing, for a device that does not exist or is not in the place its topic names; an older
     * status than the last one applied is ignored (true: the record is dealt with).
     */
    @Transactional
    public boolean statusReported(UUID placeId, UUID deviceId, DeviceStatus status, OffsetDateTime at) {
        return devices.find(deviceId).filter(d -> d.placeId().equals(placeId)).map(d -> {
            if (!d.reportStatus(status, at, Clock.now())) {
                LOG.fine(() -> "Status " + status + " of device " + deviceId + " at " + at + " older than the last one applied");
            }
            return true;
        }).orElse(false);
    }

    /**
     * A reading naming this place arrived (telemetry.readings), taken at {@code at}: the device was
     * seen then, if it is in that place. Returns the device's place, empty if there is no such
     * device, so that the caller can judge the device's next readings without asking again.
     */
    @Transactional
    public Optional<UUID> seen(UUID placeId, UUID deviceId, OffsetDateTime at) {
        return devices.find(deviceId).map(d -> {
            if (d.placeId().equals(placeId)) {
                d.seen(at, Clock.now());
            }
            return d.placeId();
        });
    }

    /** Internal (collector): ONLINE also records the device as seen now. */
    @Transactional
    public void updateStatus(String deviceId, DeviceStatus status) {
        UUID id = Fields.uuid("device_id", deviceId);
        if (status == null) {
            throw invalid("status", "must be ONLINE or OFFLINE");
        }
        OffsetDateTime now = Clock.now();
        devices.find(id).orElseThrow(() -> notFound("device")).reportStatus(status, now, now);
    }
}

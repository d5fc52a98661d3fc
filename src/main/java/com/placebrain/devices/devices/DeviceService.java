package com.placebrain.devices.devices;

import static com.placebrain.devices.platform.errors.ServiceException.invalid;
import static com.placebrain.devices.platform.errors.ServiceException.notFound;

import com.placebrain.devices.actuators.Actuator;
import com.placebrain.devices.events.outbound.DeviceDeleted;
import com.placebrain.devices.events.outbound.DevicesBulkDeleted;
import com.placebrain.devices.events.outbox.Outbox;
import com.placebrain.devices.grpc.v1.DeviceInfo;
import com.placebrain.devices.grpc.v1.ListDevicesResponse;
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
import java.util.Map;
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
    DeviceAnswers answers;

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

    @Inject
    Event<DevicesChanged> changed;

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
        changed.fire(new DevicesChanged(place, Set.of()));
        LOG.info(() -> "Device " + device.id() + " created in place " + place);
        return new CreatedDevice(device.id(), token.token());
    }

    /**
     * The device with its sensors and actuators: this replica's copy, else one statement, no
     * transaction (DeviceAnswers, DeviceReads). The caller's role is checked first, every time.
     */
    public DeviceInfo get(String userId, String placeId, String deviceId) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        access.requireRead(at.user(), at.place());
        return answers.device(at.place(), at.device());
    }

    /**
     * Newest first; page below 1 means 1, per_page below 1 means 20, capped at 100. This replica's
     * copy, else one statement, no transaction (DeviceAnswers, DeviceReads).
     */
    public ListDevicesResponse list(String userId, String placeId, int page, int perPage) {
        UUID user = Fields.uuid("user_id", userId);
        UUID place = Fields.uuid("place_id", placeId);
        access.requireRead(user, place);
        int size = perPage < 1 ? DEFAULT_PAGE_SIZE : Math.min(perPage, MAX_PAGE_SIZE);
        long offset = (long) (Math.max(page, 1) - 1) * size;
        return answers.page(place, offset, size);
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
        changed.fire(new DevicesChanged(place, Set.copyOf(ids)));
        if (!ids.isEmpty()) {
            tokensRevoked.fire(new DeviceTokensRevoked(Set.copyOf(ids)));
            removed.fire(new DevicesRemoved(Set.copyOf(ids)));
            outbox.record(new DevicesBulkDeleted(place, ids));
        }
        LOG.info(() -> ids.size() + " devices deleted with place " + place);
        return ids;
    }

    /**
     * A group of statuses devices published (telemetry.status), in record order, applied in one
     * transaction as one by one they would be ({@link StatusReports}): a status older than the
     * last one applied is ignored, one of a device that does not exist or is not in the place its
     * topic names changes nothing. Returns how many (device, place) pairs named no such device.
     */
    @Transactional
    public int statusesReported(List<StatusReports.Report> reports) {
        OffsetDateTime now = Clock.now();
        return devices.applyStatuses(StatusReports.net(reports, now), now);
    }

    /**
     * Readings naming a place arrived (telemetry.readings), one sighting per device, each taken at
     * its time (no later than now): each device is seen then if it is in that place. Returns the
     * place of each device that exists, so that the caller can judge the devices' next readings
     * without asking again.
     */
    @Transactional
    public Map<UUID, UUID> seen(List<DeviceRepository.Sighting> sightings) {
        return devices.seenAll(sightings);
    }

    /** Internal (collector): ONLINE also records the device as seen now. */
    @Transactional
    public void updateStatus(String deviceId, DeviceStatus status) {
        UUID id = Fields.uuid("device_id", deviceId);
        if (status == null) {
            throw invalid("status", "must be ONLINE or OFFLINE");
        }
        OffsetDateTime now = Clock.now();
        Device device = devices.find(id).orElseThrow(() -> notFound("device"));
        device.reportStatus(status, now, now);
        changed.fire(new DevicesChanged(device.placeId(), Set.of(id)));
    }
}

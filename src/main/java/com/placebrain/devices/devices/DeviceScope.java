package com.placebrain.devices.devices;

import static com.placebrain.devices.platform.errors.ServiceException.notFound;

import com.placebrain.devices.roles.PlaceAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The first two steps of every request about a device's parts: the caller's role in the place,
 * then the device in that place (a device of another place is NOT_FOUND, never visible).
 */
@ApplicationScoped
public class DeviceScope {

    @Inject
    PlaceAccess access;

    @Inject
    DeviceRepository devices;

    @Inject
    Event<DevicesChanged> changed;

    public Device forRead(DeviceAddress at) {
        access.requireRead(at.user(), at.place());
        return devices.findInPlace(at.place(), at.device()).orElseThrow(() -> notFound("device"));
    }

    /**
     * Locks the device row, so parts of one device are changed one request at a time. Every write
     * about a device comes here: once it commits, this replica's copies of the device's answers
     * are dropped before its caller is answered (DevicesChanged).
     */
    public Device forWrite(DeviceAddress at) {
        access.requireWrite(at.user(), at.place());
        Device device = devices.lockInPlace(at.place(), at.device()).orElseThrow(() -> notFound("device"));
        changed.fire(new DevicesChanged(at.place(), Set.of(at.device())));
        return device;
    }
}

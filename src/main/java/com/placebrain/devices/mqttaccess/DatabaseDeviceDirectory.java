package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.devices.DeviceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/** The registry's devices table, read in a short transaction of its own. */
@ApplicationScoped
public class DatabaseDeviceDirectory implements DeviceDirectory {

    @Inject
    DeviceRepository devices;

    @Override
    @Transactional
    public Optional<DeviceCredentials> find(UUID deviceId) {
        return devices.find(deviceId).map(d -> new DeviceCredentials(d.placeId(), d.tokenHash()));
    }
}

package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.devices.DeviceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/** The registry's devices table, read and written in short transactions of their own. */
@ApplicationScoped
public class DatabaseDeviceDirectory implements DeviceDirectory {

    private final DeviceRepository devices;

    @Inject
    DatabaseDeviceDirectory(DeviceRepository devices) {
        this.devices = devices;
    }

    /** For CDI's client proxy. */
    DatabaseDeviceDirectory() {
        this(null);
    }

    @Override
    @Transactional
    public Optional<DeviceCredentials> find(UUID deviceId) {
        return devices.find(deviceId).map(d -> new DeviceCredentials(d.placeId(), d.tokenHash(), d.tokenVerifier()));
    }

    @Override
    @Transactional
    public void storeVerifier(UUID deviceId, String tokenHash, String verifier) {
        devices.storeTokenVerifier(deviceId, tokenHash, verifier);
    }
}

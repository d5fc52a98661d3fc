package com.placebrain.devices.commands;

import static com.placebrain.devices.platform.errors.ServiceException.notFound;

import com.placebrain.devices.actuators.Actuator;
import com.placebrain.devices.actuators.ActuatorRepository;
import com.placebrain.devices.devices.DeviceAddress;
import com.placebrain.devices.devices.DeviceScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * The database half of SendCommand, in a transaction of its own that ends before the publish:
 * DeviceScope.forWrite locks the device row, which must not stay locked while we wait for the
 * broker.
 */
@ApplicationScoped
public class CommandPreparation {

    @Inject
    DeviceScope scope;

    @Inject
    ActuatorRepository actuators;

    /** A command allowed for this user and valid for the actuator. */
    public record PreparedCommand(UUID placeId, UUID deviceId, String actuatorKey, String value) {
    }

    /** Role (owner/admin), device in place, actuator by key (NOT_FOUND), then the value. */
    @Transactional
    public PreparedCommand prepare(DeviceAddress at, String actuatorKey, String value) {
        scope.forWrite(at);
        Actuator actuator = actuators.findByKey(at.device(), actuatorKey).orElseThrow(() -> notFound("actuator"));
        return new PreparedCommand(at.place(), at.device(), actuator.key(), CommandValue.check(actuator, value));
    }
}

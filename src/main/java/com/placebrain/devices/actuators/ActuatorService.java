package com.placebrain.devices.actuators;

import static com.placebrain.devices.platform.errors.ServiceException.alreadyExists;
import static com.placebrain.devices.platform.errors.ServiceException.notFound;

import com.placebrain.devices.devices.DeviceAddress;
import com.placebrain.devices.devices.DeviceScope;
import com.placebrain.devices.platform.persistence.Ids;
import com.placebrain.devices.platform.validation.Fields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Actuators of a device: RPCs 15-18. */
@ApplicationScoped
public class ActuatorService {

    @Inject
    DeviceScope scope;

    @Inject
    ActuatorRepository actuators;

    @Transactional
    public UUID create(String userId, String placeId, String deviceId, String key, String name,
                       ActuatorValueType valueType, String unitLabel, int precision, double min, double max,
                       double step, List<String> options) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        String actuatorKey = Fields.key("key", key);
        String actuatorName = Fields.optionalName("name", name);
        String label = Fields.unitLabel("unit_label", unitLabel);
        int digits = Fields.precision("precision", precision);
        ActuatorSpec spec = ActuatorSpec.of(valueType, min, max, step, options);
        scope.forWrite(at);
        if (actuators.findByKey(at.device(), actuatorKey).isPresent()) {
            throw alreadyExists("an actuator with key '" + actuatorKey + "' already exists on this device");
        }
        Actuator actuator = new Actuator(Ids.newId(), at.device(), actuatorKey, actuatorName, label, digits, spec);
        actuators.add(actuator);
        return actuator.id();
    }

    @Transactional
    public List<Actuator> list(String userId, String placeId, String deviceId) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        scope.forRead(at);
        return actuators.ofDevice(at.device());
    }

    /** The value type is fixed at creation; everything else is replaced. */
    @Transactional
    public UUID update(String userId, String placeId, String deviceId, String actuatorId, String name,
                       String unitLabel, int precision, double min, double max, double step, List<String> options) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        UUID id = Fields.uuid("actuator_id", actuatorId);
        String actuatorName = Fields.optionalName("name", name);
        String label = Fields.unitLabel("unit_label", unitLabel);
        int digits = Fields.precision("precision", precision);
        ActuatorSpec.checkRange(min, max, step);
        scope.forWrite(at);
        Actuator actuator = actuators.findOfDevice(at.device(), id).orElseThrow(() -> notFound("actuator"));
        ActuatorSpec spec = ActuatorSpec.of(actuator.valueType(), min, max, step, options);
        actuator.update(actuatorName, label, digits, spec);
        return id;
    }

    @Transactional
    public void delete(String userId, String placeId, String deviceId, String actuatorId) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        UUID id = Fields.uuid("actuator_id", actuatorId);
        scope.forWrite(at);
        actuators.delete(actuators.findOfDevice(at.device(), id).orElseThrow(() -> notFound("actuator")));
    }
}

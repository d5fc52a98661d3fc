package com.placebrain.devices.sensors;

import static com.placebrain.devices.platform.errors.ServiceException.alreadyExists;
import static com.placebrain.devices.platform.errors.ServiceException.invalid;
import static com.placebrain.devices.platform.errors.ServiceException.notFound;

import com.placebrain.devices.devices.DeviceAddress;
import com.placebrain.devices.devices.DeviceScope;
import com.placebrain.devices.events.outbox.Outbox;
import com.placebrain.devices.thresholds.ThresholdRepository;
import com.placebrain.devices.thresholds.ThresholdService;
import com.placebrain.devices.platform.persistence.Ids;
import com.placebrain.devices.platform.validation.Fields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Sensors of a device: RPCs 7-10. */
@ApplicationScoped
public class SensorService {

    @Inject
    DeviceScope scope;

    @Inject
    SensorRepository sensors;

    @Inject
    ThresholdRepository thresholds;

    @Inject
    Outbox outbox;

    @Transactional
    public UUID create(String userId, String placeId, String deviceId, String key, String name,
                       SensorValueType valueType, String unitLabel, int precision) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        String sensorKey = Fields.key("key", key);
        String sensorName = Fields.optionalName("name", name);
        if (valueType == null) {
            throw invalid("value_type", "must be NUMBER or BOOLEAN for a sensor");
        }
        String label = Fields.unitLabel("unit_label", unitLabel);
        int digits = Fields.precision("precision", precision);
        scope.forWrite(at);
        if (sensors.keyTaken(at.device(), sensorKey)) {
            throw alreadyExists("a sensor with key '" + sensorKey + "' already exists on this device");
        }
        Sensor sensor = new Sensor(Ids.newId(), at.device(), sensorKey, sensorName, valueType, label, digits);
        sensors.add(sensor);
        return sensor.id();
    }

    @Transactional
    public List<Sensor> list(String userId, String placeId, String deviceId) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        scope.forRead(at);
        return sensors.ofDevice(at.device());
    }

    @Transactional
    public UUID update(String userId, String placeId, String deviceId, String sensorId, String name,
                       String unitLabel, int precision) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        UUID id = Fields.uuid("sensor_id", sensorId);
        String sensorName = Fields.optionalName("name", name);
        String label = Fields.unitLabel("unit_label", unitLabel);
        int digits = Fields.precision("precision", precision);
        scope.forWrite(at);
        sensors.findOfDevice(at.device(), id).orElseThrow(() -> notFound("sensor")).update(sensorName, label, digits);
        return id;
    }

    @Transactional
    public void delete(String userId, String placeId, String deviceId, String sensorId) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        UUID id = Fields.uuid("sensor_id", sensorId);
        scope.forWrite(at);
        Sensor sensor = sensors.findOfDevice(at.device(), id).orElseThrow(() -> notFound("sensor"));
        // Its thresholds go with it (ON DELETE CASCADE); the collector hears of each.
        thresholds.ofSensor(id).forEach(t -> outbox.record(ThresholdService.deletedEvent(sensor, t)));
        sensors.delete(sensor);
    }
}

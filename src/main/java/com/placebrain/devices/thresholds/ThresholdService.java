package com.placebrain.devices.thresholds;

import static com.placebrain.devices.platform.errors.ServiceException.invalid;
import static com.placebrain.devices.platform.errors.ServiceException.notFound;

import com.placebrain.devices.devices.DeviceAddress;
import com.placebrain.devices.devices.DeviceScope;
import com.placebrain.devices.events.outbound.ThresholdCreated;
import com.placebrain.devices.events.outbound.ThresholdDeleted;
import com.placebrain.devices.events.outbox.Outbox;
import com.placebrain.devices.platform.persistence.Ids;
import com.placebrain.devices.platform.validation.Fields;
import com.placebrain.devices.sensors.Sensor;
import com.placebrain.devices.sensors.SensorRepository;
import com.placebrain.devices.thresholds.ThresholdRepository.ThresholdOfSensor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/** Alert thresholds of a sensor: RPCs 11-14 and 26. */
@ApplicationScoped
public class ThresholdService {

    @Inject
    DeviceScope scope;

    @Inject
    SensorRepository sensors;

    @Inject
    ThresholdRepository thresholds;

    @Inject
    Outbox outbox;

    /** A threshold together with the sensor it belongs to (events need the sensor's key). */
    public record SensorThreshold(Sensor sensor, Threshold threshold) {
    }

    /**
     * Any number of thresholds per sensor, type and severity, as in the original (the front end
     * lets a user add a second MAX warning).
     */
    @Transactional
    public SensorThreshold set(String userId, String placeId, String deviceId, String sensorId, ThresholdType type,
                               double value, ThresholdSeverity severity) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        UUID sensorUuid = Fields.uuid("sensor_id", sensorId);
        if (type == null) {
            throw invalid("type", "must be MIN or MAX");
        }
        double limit = Fields.finite("value", value);
        if (severity == null) {
            throw invalid("severity", "must be WARNING or CRITICAL");
        }
        scope.forWrite(at);
        Sensor sensor = sensors.findOfDevice(at.device(), sensorUuid).orElseThrow(() -> notFound("sensor"));
        Threshold threshold = new Threshold(Ids.newId(), sensorUuid, type, limit, severity);
        thresholds.add(threshold);
        outbox.record(new ThresholdCreated(sensor.id(), sensor.deviceId(), sensor.key(), threshold.id(),
                type.name().toLowerCase(Locale.ROOT), limit, severity.name().toLowerCase(Locale.ROOT)));
        return new SensorThreshold(sensor, threshold);
    }

    @Transactional
    public List<Threshold> list(String userId, String placeId, String deviceId, String sensorId) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        UUID sensorUuid = Fields.uuid("sensor_id", sensorId);
        scope.forRead(at);
        sensors.findOfDevice(at.device(), sensorUuid).orElseThrow(() -> notFound("sensor"));
        return thresholds.ofSensor(sensorUuid);
    }

    @Transactional
    public void delete(String userId, String placeId, String deviceId, String sensorId, String thresholdId) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        UUID sensorUuid = Fields.uuid("sensor_id", sensorId);
        UUID id = Fields.uuid("threshold_id", thresholdId);
        scope.forWrite(at);
        Sensor sensor = sensors.findOfDevice(at.device(), sensorUuid).orElseThrow(() -> notFound("sensor"));
        Threshold threshold = thresholds.findOfSensor(sensorUuid, id).orElseThrow(() -> notFound("threshold"));
        thresholds.delete(threshold);
        outbox.record(deletedEvent(sensor, threshold));
    }

    /** The collector drops a threshold from its cache on this event, also when the sensor went. */
    public static ThresholdDeleted deletedEvent(Sensor sensor, Threshold threshold) {
        return new ThresholdDeleted(sensor.id(), sensor.deviceId(), sensor.key(), threshold.id());
    }

    /** Internal (collector): an unknown sensor simply has no thresholds. */
    @Transactional
    public List<Threshold> ofSensor(String sensorId) {
        return thresholds.ofSensor(Fields.uuid("sensor_id", sensorId));
    }

    /** Internal (collector): every threshold with its sensor, grouped by sensor. */
    @Transactional
    public void forEachThreshold(Consumer<ThresholdOfSensor> consumer) {
        thresholds.forEachWithSensor(consumer);
    }
}

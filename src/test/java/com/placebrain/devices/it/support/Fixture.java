package com.placebrain.devices.it.support;

import com.placebrain.devices.grpc.v1.CreateActuatorRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceResponse;
import com.placebrain.devices.grpc.v1.CreateSensorRequest;
import com.placebrain.devices.grpc.v1.SetThresholdRequest;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.grpc.v1.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Test data made through the service, as a user would make it: devices, sensors, actuators and
 * thresholds under places whose owners {@link RoleFixture} grants. Every place and user is fresh.
 */
public final class Fixture {

    /** The four thresholds a sensor can have: one per type and severity, in this order. */
    public static final List<ThresholdType> THRESHOLD_TYPES = List.of(ThresholdType.THRESHOLD_TYPE_MIN,
            ThresholdType.THRESHOLD_TYPE_MIN, ThresholdType.THRESHOLD_TYPE_MAX, ThresholdType.THRESHOLD_TYPE_MAX);
    public static final List<ThresholdSeverity> THRESHOLD_SEVERITIES = List.of(
            ThresholdSeverity.THRESHOLD_SEVERITY_WARNING, ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL,
            ThresholdSeverity.THRESHOLD_SEVERITY_WARNING, ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL);

    private final ServiceClient client;
    private final RoleFixture roles;

    public Fixture(ServiceClient client, RoleFixture roles) {
        this.client = client;
        this.roles = roles;
    }

    public CreateDeviceResponse createDevice(String userId, String placeId, String name) {
        return client.rpc().createDevice(CreateDeviceRequest.newBuilder()
                .setUserId(userId).setPlaceId(placeId).setName(name).build());
    }

    /** A new device's id. */
    public String device(String userId, String placeId, String name) {
        return createDevice(userId, placeId, name).getDeviceId();
    }

    /** A sensor named "Sensor {key}" without unit; returns its id. */
    public String createSensor(String userId, String placeId, String deviceId, String key, ValueType type,
                               int precision) {
        return client.rpc().createSensor(CreateSensorRequest.newBuilder()
                .setUserId(userId).setPlaceId(placeId).setDeviceId(deviceId)
                .setKey(key).setName("Sensor " + key).setValueType(type).setUnitLabel("").setPrecision(precision)
                .build()).getSensorId();
    }

    /** The same with precision 0. */
    public String createSensor(String userId, String placeId, String deviceId, String key, ValueType type) {
        return createSensor(userId, placeId, deviceId, key, type, 0);
    }

    /** A NUMBER sensor with precision 1, as telemetry tests use. */
    public String numberSensor(String userId, String placeId, String deviceId, String key) {
        return createSensor(userId, placeId, deviceId, key, ValueType.VALUE_TYPE_NUMBER, 1);
    }

    /** A NUMBER actuator "Actuator {key}", 0..100 % in steps of 1; returns its id. */
    public String createNumberActuator(String userId, String placeId, String deviceId, String key) {
        return client.rpc().createActuator(CreateActuatorRequest.newBuilder()
                .setUserId(userId).setPlaceId(placeId).setDeviceId(deviceId)
                .setKey(key).setName("Actuator " + key).setValueType(ValueType.VALUE_TYPE_NUMBER)
                .setUnitLabel("%").setPrecision(0).setMinValue(0).setMaxValue(100).setStep(1)
                .build()).getActuatorId();
    }

    public String setThreshold(String userId, String placeId, String deviceId, String sensorId,
                               ThresholdType type, double value, ThresholdSeverity severity) {
        return client.rpc().setThreshold(SetThresholdRequest.newBuilder()
                .setUserId(userId).setPlaceId(placeId).setDeviceId(deviceId).setSensorId(sensorId)
                .setType(type).setValue(value).setSeverity(severity)
                .build()).getThresholdId();
    }

    /**
     * One place with an owner and one device holding sensor {@code temp} (threshold MIN 5 WARNING)
     * and NUMBER actuator {@code valve}.
     */
    public World world() {
        String place = Ids.newId();
        String owner = roles.newOwner(place);
        String device = device(owner, place, "Device");
        String sensor = createSensor(owner, place, device, "temp", ValueType.VALUE_TYPE_NUMBER);
        String threshold = setThreshold(owner, place, device, sensor,
                ThresholdType.THRESHOLD_TYPE_MIN, 5.0, ThresholdSeverity.THRESHOLD_SEVERITY_WARNING);
        String actuator = createNumberActuator(owner, place, device, "valve");
        return new World(place, owner, device, sensor, actuator, threshold);
    }

    public record World(String place, String owner, String device, String sensor, String actuator, String threshold) {
    }

    /** A new place with an owner and one device holding {@code count} NUMBER sensors s00, s01, … */
    public DeviceWithSensors deviceWithSensors(String name, int count) {
        RoleFixture.OwnedPlace owned = roles.newOwnedPlace();
        String device = device(owned.owner(), owned.place(), name);
        List<String> sensors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sensors.add(numberSensor(owned.owner(), owned.place(), device, String.format("s%02d", i)));
        }
        return new DeviceWithSensors(owned.place(), owned.owner(), device, sensors);
    }

    public record DeviceWithSensors(String place, String owner, String device, List<String> sensors) {
    }
}

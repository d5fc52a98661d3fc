package com.placebrain.devices.sensors;

import com.placebrain.devices.grpc.v1.SensorInfo;
import com.placebrain.devices.grpc.v1.ValueType;

/** Sensors on the gRPC wire. */
public final class SensorMessages {

    private SensorMessages() {
    }

    /** Null for anything but NUMBER and BOOLEAN (a sensor is never ENUM). */
    public static SensorValueType fromWire(ValueType type) {
        return switch (type) {
            case VALUE_TYPE_NUMBER -> SensorValueType.NUMBER;
            case VALUE_TYPE_BOOLEAN -> SensorValueType.BOOLEAN;
            default -> null;
        };
    }

    public static ValueType toWire(SensorValueType type) {
        return switch (type) {
            case NUMBER -> ValueType.VALUE_TYPE_NUMBER;
            case BOOLEAN -> ValueType.VALUE_TYPE_BOOLEAN;
        };
    }

    public static SensorInfo info(Sensor sensor) {
        return SensorInfo.newBuilder()
                .setSensorId(sensor.id().toString())
                .setDeviceId(sensor.deviceId().toString())
                .setKey(sensor.key())
                .setName(sensor.name())
                .setValueType(toWire(sensor.valueType()))
                .setUnitLabel(sensor.unitLabel())
                .setPrecision(sensor.precision())
                .build();
    }
}

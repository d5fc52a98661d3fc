package com.placebrain.devices.actuators;

import com.placebrain.devices.grpc.v1.ActuatorInfo;
import com.placebrain.devices.grpc.v1.ValueType;

/** Actuators on the gRPC wire; an unset min, max or step is 0 there. */
public final class ActuatorMessages {

    private ActuatorMessages() {
    }

    /** Null for UNSPECIFIED or a number this contract does not know. */
    public static ActuatorValueType fromWire(ValueType type) {
        return switch (type) {
            case VALUE_TYPE_NUMBER -> ActuatorValueType.NUMBER;
            case VALUE_TYPE_BOOLEAN -> ActuatorValueType.BOOLEAN;
            case VALUE_TYPE_ENUM -> ActuatorValueType.ENUM;
            default -> null;
        };
    }

    public static ValueType toWire(ActuatorValueType type) {
        return switch (type) {
            case NUMBER -> ValueType.VALUE_TYPE_NUMBER;
            case BOOLEAN -> ValueType.VALUE_TYPE_BOOLEAN;
            case ENUM -> ValueType.VALUE_TYPE_ENUM;
        };
    }

    public static ActuatorInfo info(Actuator actuator) {
        ActuatorSpec spec = actuator.spec();
        return ActuatorInfo.newBuilder()
                .setActuatorId(actuator.id().toString())
                .setDeviceId(actuator.deviceId().toString())
                .setKey(actuator.key())
                .setName(actuator.name())
                .setValueType(toWire(actuator.valueType()))
                .setUnitLabel(actuator.unitLabel())
                .setPrecision(actuator.precision())
                .setMinValue(orZero(spec.minValue()))
                .setMaxValue(orZero(spec.maxValue()))
                .setStep(orZero(spec.step()))
                .addAllEnumOptions(spec.enumOptions())
                .build();
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}

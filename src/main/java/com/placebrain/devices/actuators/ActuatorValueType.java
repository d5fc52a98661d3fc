package com.placebrain.devices.actuators;

/** Stored in the PostgreSQL enum type {@code actuatorvaluetypeenum}. */
public enum ActuatorValueType {
    NUMBER,
    BOOLEAN,
    ENUM
}

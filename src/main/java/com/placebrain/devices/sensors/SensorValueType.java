package com.placebrain.devices.sensors;

/** Stored in the PostgreSQL enum type {@code valuetypeenum}. */
public enum SensorValueType {
    NUMBER,
    BOOLEAN
}

package com.placebrain.devices.devices;

/** Stored upper-case in the PostgreSQL enum type {@code devicestatusenum}. */
public enum DeviceStatus {
    ONLINE,
    OFFLINE
}

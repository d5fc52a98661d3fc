package com.placebrain.devices.thresholds;

/** Stored in the PostgreSQL enum type {@code thresholdtypeenum}. */
public enum ThresholdType {
    MIN,
    MAX
}

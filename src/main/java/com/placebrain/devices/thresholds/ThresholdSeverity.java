package com.placebrain.devices.thresholds;

/** Stored in the PostgreSQL enum type {@code thresholdseverityenum}. */
public enum ThresholdSeverity {
    WARNING,
    CRITICAL
}

package com.placebrain.devices.thresholds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "sensor_thresholds")
public class Threshold {

    @Id
    private UUID id;

    @Column(name = "sensor_id", nullable = false)
    private UUID sensorId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @Column(nullable = false, columnDefinition = "thresholdtypeenum")
    private ThresholdType type;

    @Column(nullable = false)
    private double value;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @Column(nullable = false, columnDefinition = "thresholdseverityenum")
    private ThresholdSeverity severity;

    protected Threshold() {
    }

    public Threshold(UUID id, UUID sensorId, ThresholdType type, double value, ThresholdSeverity severity) {
        this.id = id;
        this.sensorId = sensorId;
        this.type = type;
        this.value = value;
        this.severity = severity;
    }

    public UUID id() { return id; }
    public UUID sensorId() { return sensorId; }
    public ThresholdType type() { return type; }
    public double value() { return value; }
    public ThresholdSeverity severity() { return severity; }
}

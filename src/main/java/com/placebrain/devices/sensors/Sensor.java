package com.placebrain.devices.sensors;

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
@Table(name = "sensors")
public class Sensor {

    @Id
    private UUID id;

    @Column(name = "device_id", nullable = false)
    private UUID deviceId;

    @Column(nullable = false, length = 100)
    private String key;

    @Column(nullable = false, length = 255)
    private String name;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @Column(name = "value_type", nullable = false, columnDefinition = "valuetypeenum")
    private SensorValueType valueType;

    @Column(name = "unit_label", nullable = false, length = 50)
    private String unitLabel;

    @Column(nullable = false)
    private int precision;

    protected Sensor() {
    }

    public Sensor(UUID id, UUID deviceId, String key, String name, SensorValueType valueType,
                  String unitLabel, int precision) {
        this.id = id;
        this.deviceId = deviceId;
        this.key = key;
        this.name = name;
        this.valueType = valueType;
        this.unitLabel = unitLabel;
        this.precision = precision;
    }

    public UUID id() { return id; }
    public UUID deviceId() { return deviceId; }
    public String key() { return key; }
    public String name() { return name; }
    public SensorValueType valueType() { return valueType; }
    public String unitLabel() { return unitLabel; }
    public int precision() { return precision; }

    public void update(String newName, String newUnitLabel, int newPrecision) {
        this.name = newName;
        this.unitLabel = newUnitLabel;
        this.precision = newPrecision;
    }
}

package com.placebrain.devices.actuators;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "actuators")
public class Actuator {

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
    @Column(name = "value_type", nullable = false, columnDefinition = "actuatorvaluetypeenum")
    private ActuatorValueType valueType;

    @Column(name = "unit_label", nullable = false, length = 50)
    private String unitLabel;

    @Column(nullable = false)
    private int precision;

    /** Null means "not set" (0 on the wire). */
    @Column(name = "min_value")
    private Double minValue;

    @Column(name = "max_value")
    private Double maxValue;

    @Column(name = "step")
    private Double step;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "enum_options", columnDefinition = "jsonb")
    private List<String> enumOptions;

    protected Actuator() {
    }

    public Actuator(UUID id, UUID deviceId, String key, String name, ActuatorValueType valueType,
                    String unitLabel, int precision, Double minValue, Double maxValue, Double step,
                    List<String> enumOptions) {
        this.id = id;
        this.deviceId = deviceId;
        this.key = key;
        this.name = name;
        this.valueType = valueType;
        this.unitLabel = unitLabel;
        this.precision = precision;
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.step = step;
        this.enumOptions = enumOptions;
    }

    public UUID id() { return id; }
    public UUID deviceId() { return deviceId; }
    public String key() { return key; }
    public String name() { return name; }
    public ActuatorValueType valueType() { return valueType; }
    public String unitLabel() { return unitLabel; }
    public int precision() { return precision; }
    public Double minValue() { return minValue; }
    public Double maxValue() { return maxValue; }
    public Double step() { return step; }
    public List<String> enumOptions() { return enumOptions == null ? List.of() : enumOptions; }

    public void update(String newName, String newUnitLabel, int newPrecision, Double newMin, Double newMax,
                       Double newStep, List<String> newEnumOptions) {
        this.name = newName;
        this.unitLabel = newUnitLabel;
        this.precision = newPrecision;
        this.minValue = newMin;
        this.maxValue = newMax;
        this.step = newStep;
        this.enumOptions = newEnumOptions;
    }
}

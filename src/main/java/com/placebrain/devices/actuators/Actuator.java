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

    /** As the row holds them: {@link #spec()} says what they mean (CONTRACT §1). */
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

    public Actuator(UUID id, UUID deviceId, String key, String name, String unitLabel, int precision,
                    ActuatorSpec spec) {
        this.id = id;
        this.deviceId = deviceId;
        this.key = key;
        this.valueType = spec.valueType();
        update(name, unitLabel, precision, spec);
    }

    public UUID id() { return id; }
    public UUID deviceId() { return deviceId; }
    public String key() { return key; }
    public String name() { return name; }
    public ActuatorValueType valueType() { return valueType; }
    public String unitLabel() { return unitLabel; }
    public int precision() { return precision; }

    /** What the actuator accepts, by the same rule whichever service wrote the row. */
    public ActuatorSpec spec() {
        return ActuatorSpec.stored(valueType, minValue, maxValue, step, enumOptions);
    }

    /** The value type is fixed at creation: {@code spec} must be of this actuator's type. */
    public void update(String newName, String newUnitLabel, int newPrecision, ActuatorSpec spec) {
        if (spec.valueType() != valueType) {
            throw new IllegalArgumentException("the value type of actuator " + id + " is " + valueType);
        }
        this.name = newName;
        this.unitLabel = newUnitLabel;
        this.precision = newPrecision;
        this.minValue = spec.minValue();
        this.maxValue = spec.maxValue();
        this.step = spec.step();
        this.enumOptions = spec.storedOptions();
    }
}

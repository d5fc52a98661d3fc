package com.placebrain.devices.events.outbound;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.UUID;

/**
 * {@code devices.threshold.created}, keyed by sensor id; {@code key} is the sensor's key and
 * type and severity are lower case.
 */
@JsonbPropertyOrder({"sensorId", "deviceId", "sensorKey", "thresholdId", "thresholdType", "value", "severity"})
public record ThresholdCreated(@JsonbProperty("sensor_id") UUID sensorId,
                               @JsonbProperty("device_id") UUID deviceId,
                               @JsonbProperty("key") String sensorKey,
                               @JsonbProperty("threshold_id") UUID thresholdId,
                               @JsonbProperty("threshold_type") String thresholdType,
                               @JsonbProperty("value") double value,
                               @JsonbProperty("severity") String severity) implements OutboundEvent {

    @Override
    public String topic() {
        return "devices.threshold.created";
    }

    @Override
    public String key() {
        return sensorId.toString();
    }
}

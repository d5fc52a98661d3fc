package com.placebrain.devices.events.outbound;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.UUID;

/** {@code devices.threshold.deleted}, keyed by sensor id. */
@JsonbPropertyOrder({"sensorId", "deviceId", "sensorKey", "thresholdId"})
public record ThresholdDeleted(@JsonbProperty("sensor_id") UUID sensorId,
                               @JsonbProperty("device_id") UUID deviceId,
                               @JsonbProperty("key") String sensorKey,
                               @JsonbProperty("threshold_id") UUID thresholdId) implements OutboundEvent {

    @Override
    public String topic() {
        return "devices.threshold.deleted";
    }

    @Override
    public String key() {
        return sensorId.toString();
    }
}

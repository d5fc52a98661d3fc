package com.placebrain.devices.events.outbound;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.UUID;

/** {@code devices.device.deleted}, keyed by device id. */
@JsonbPropertyOrder({"deviceId", "placeId"})
public record DeviceDeleted(@JsonbProperty("device_id") UUID deviceId,
                            @JsonbProperty("place_id") UUID placeId) implements OutboundEvent {

    @Override
    public String topic() {
        return "devices.device.deleted";
    }

    @Override
    public String key() {
        return deviceId.toString();
    }
}

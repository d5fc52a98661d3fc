package com.placebrain.devices.events.outbound;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import java.util.List;
import java.util.UUID;

/** {@code devices.device.bulk-deleted}, keyed by place id; only sent when at least one device went. */
public record DevicesBulkDeleted(@JsonbTransient UUID placeId,
                                 @JsonbProperty("device_ids") List<UUID> deviceIds) implements OutboundEvent {

    @Override
    public String topic() {
        return "devices.device.bulk-deleted";
    }

    @Override
    public String key() {
        return placeId.toString();
    }
}

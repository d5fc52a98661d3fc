package com.placebrain.devices.devices;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A device as GetDevice and ListDevices show it (DeviceReads): a value, not an entity. */
public record DeviceView(UUID id, UUID placeId, String name, DeviceStatus status, OffsetDateTime lastSeenAt,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}

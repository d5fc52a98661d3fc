package com.placebrain.devices.devices;

import java.util.Set;
import java.util.UUID;

/**
 * Fired inside the transaction that ends devices' tokens: a token regenerated, a device or a
 * place's devices deleted. Whatever accepts a token outside the database (MQTT access's caches)
 * observes it in the transaction and may throw to roll the change back, so that nothing keeps
 * accepting a token the database no longer holds; and may observe it again after completion.
 */
public record DeviceTokensRevoked(Set<UUID> deviceIds) {
}

package com.placebrain.devices.devices;

import java.util.Set;
import java.util.UUID;

/**
 * Fired inside the transaction that deletes devices, for what other capabilities keep about them
 * outside the database; observe it after success, when the deletion is certain.
 */
public record DevicesRemoved(Set<UUID> deviceIds) {
}

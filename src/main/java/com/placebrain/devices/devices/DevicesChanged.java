package com.placebrain.devices.devices;

import java.util.Set;
import java.util.UUID;

/**
 * Devices of a place, or their parts, change in the current transaction (fired before it commits).
 * No device: the place's list changes (a device is added). Its observer drops this replica's copies
 * once the change commits ({@link DeviceAnswers}), before the caller hears of it: what a caller wrote
 * through one replica, the next read there shows.
 */
public record DevicesChanged(UUID place, Set<UUID> devices) {
}

/**
 * Thresholds of a sensor (RPCs 11-14, 26): entity, rules ({@code ThresholdService}), gRPC
 * mapping, and the {@code devices.threshold.*} events written to the outbox with each change.
 */
package com.placebrain.devices.thresholds;

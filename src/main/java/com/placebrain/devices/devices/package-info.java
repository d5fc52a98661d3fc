/**
 * Devices of a place (RPCs 1-6, 23, 24): the {@code Device} entity, its MQTT token, its status and
 * last-seen time, and the two steps every device-scoped request takes first ({@code DeviceScope}:
 * the caller's role, then the device in that place). Rules live in {@code DeviceService};
 * requests enter through {@code api.DevicesGrpcEndpoint}.
 */
package com.placebrain.devices.devices;

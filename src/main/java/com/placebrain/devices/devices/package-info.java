/**
 * Devices of a place (RPCs 1-6, 23, 24) and their tokens: issued once, kept as a bcrypt hash and a
 * fast verifier ({@link com.placebrain.devices.devices.TokenVerifier}) under the server's key
 * ({@link com.placebrain.devices.devices.AuthKey}). What others keep about devices outside the
 * database follows the events fired here ({@link com.placebrain.devices.devices.DeviceTokensRevoked},
 * {@link com.placebrain.devices.devices.DevicesRemoved}); this package knows none of them. MQTT
 * access reads devices, never the other way round. GetDevice and ListDevices answers are kept per
 * replica ({@link com.placebrain.devices.devices.DeviceAnswers}) and voided by every commit that
 * touches a device, heard through PostgreSQL ({@link com.placebrain.devices.devices.DeviceChangeFeed}).
 */
package com.placebrain.devices.devices;

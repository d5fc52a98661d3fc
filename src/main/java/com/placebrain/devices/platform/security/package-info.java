/**
 * Secrets, shared by device tokens and MQTT access: how the service makes them (32 random bytes),
 * the one constant-time comparison of a presented secret, and the hashes kept of them
 * ({@link com.placebrain.devices.platform.security.Secrets}). Depends on nothing of the service.
 */
package com.placebrain.devices.platform.security;

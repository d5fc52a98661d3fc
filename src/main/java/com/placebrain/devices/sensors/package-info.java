/**
 * Sensors of a device (RPCs 7-10): entity, rules ({@code SensorService}) and gRPC mapping.
 * Part of the entity graph devices → sensors → thresholds.
 */
package com.placebrain.devices.sensors;

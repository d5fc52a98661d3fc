/**
 * Actuators of a device (RPCs 15-18): entity, what an actuator accepts ({@code ActuatorSpec}),
 * rules ({@code ActuatorService}) and gRPC mapping.
 */
package com.placebrain.devices.actuators;

/**
 * Integration tests of MQTT access: device and user authentication and ACLs over gRPC and the
 * EMQX HTTP hooks (bodies, limits, refusals), commands published to the broker, broker outages,
 * token caches across replicas, and revocations ending broker sessions.
 */
package com.placebrain.devices.it.mqtt;

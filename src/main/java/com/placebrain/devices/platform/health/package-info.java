/**
 * MicroProfile Health checks: readiness of PostgreSQL, Redis, Kafka and the MQTT broker.
 */
package com.placebrain.devices.platform.health;

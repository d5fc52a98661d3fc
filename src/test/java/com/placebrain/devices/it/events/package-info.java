/**
 * Integration tests of the service's Kafka side: the events it consumes (member and place events
 * keeping the role cache, telemetry status and readings, the DLQ), the events it publishes
 * through its outbox (also with Kafka down and with two replicas), a simulated device's journey,
 * and the service started as a drop-in with only the platform's variables. {@code EventsKit}
 * produces and tails records; {@code EventsScenario} opens one per test class.
 */
package com.placebrain.devices.it.events;

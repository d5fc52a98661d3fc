/**
 * Where consumed Kafka records enter: the channels of
 * {@link com.placebrain.devices.events.inbound.PlacesEventsConsumer} (member and place events) and
 * {@link com.placebrain.devices.events.inbound.TelemetryConsumer} (statuses and readings), configured
 * in microprofile-config.properties. Each record is read, handed to the area it concerns, and
 * acknowledged once the effect is durable ({@link com.placebrain.devices.events.inbound.InboundProcessing});
 * telemetry is taken in groups, one transaction and one Redis pipeline a group
 * ({@link com.placebrain.devices.events.inbound.RecordGroups},
 * {@link com.placebrain.devices.events.inbound.TelemetrySettings}). A record that can never succeed
 * goes to the dead-letter topic ({@link com.placebrain.devices.events.inbound.DeadLetters}).
 */
package com.placebrain.devices.events.inbound;

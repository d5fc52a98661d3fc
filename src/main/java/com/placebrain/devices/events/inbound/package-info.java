/**
 * Consumed Kafka records (CONTRACT §2): the places service's member and place events
 * ({@code PlacesEventsConsumer}) and the EMQX bridge's telemetry ({@code TelemetryConsumer}).
 * Each record is parsed strictly, delegated, and acknowledged only once its effect is durable
 * ({@code InboundProcessing}); one that can never succeed goes to the DLQ ({@code DeadLetters}).
 */
package com.placebrain.devices.events.inbound;

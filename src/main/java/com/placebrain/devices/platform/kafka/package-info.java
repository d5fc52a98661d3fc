/**
 * Kafka plumbing every area shares: the clients the service builds itself
 * ({@link com.placebrain.devices.platform.kafka.KafkaClients}), connected by the connector's
 * connection properties ({@link com.placebrain.devices.platform.kafka.KafkaSettings}), so brokers,
 * TLS and SASL are configured once; and the reading of consumed records' JSON
 * ({@link com.placebrain.devices.platform.kafka.EventJson}), where anything malformed is a
 * {@link com.placebrain.devices.platform.kafka.PoisonRecord}, dead-lettered by the consumer.
 */
package com.placebrain.devices.platform.kafka;

/**
 * The transactional outbox: events are written in the transaction of the change they report
 * ({@code Outbox}) and published to Kafka after commit, oldest first ({@code OutboxRelay}).
 */
package com.placebrain.devices.events.outbox;

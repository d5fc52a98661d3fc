/**
 * Kafka clients this service builds itself (beside Reactive Messaging's consumers).
 */
package com.placebrain.devices.platform.kafka;

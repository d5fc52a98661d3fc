package com.placebrain.devices.events.outbound;

/**
 * An event this service publishes (CONTRACT §2 "Produced"): the record's components are the JSON
 * value; topic and key are not part of it.
 */
public interface OutboundEvent {

    String topic();

    String key();
}

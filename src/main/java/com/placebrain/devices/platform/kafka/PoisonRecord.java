package com.placebrain.devices.platform.kafka;

/** A record that can never be processed (bad JSON, missing fields, bad ids): it goes to the DLQ. */
public class PoisonRecord extends RuntimeException {
    public PoisonRecord(String reason) {
        super(reason, null, false, false);
    }
}

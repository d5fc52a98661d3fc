package com.placebrain.devices.it.support;

import java.util.UUID;

/** Fresh ids and keys: every test makes its own, so tests never share data. */
public final class Ids {

    private Ids() {
    }

    /** A random UUID, canonical text (for places, users, devices that do not exist). */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A key valid for a new sensor or actuator, unused on any device. */
    public static String freshKey() {
        return "k_" + shortId();
    }

    /** Eight random hex digits, to make a name unique (client ids, key suffixes). */
    public static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

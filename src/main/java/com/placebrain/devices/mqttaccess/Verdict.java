package com.placebrain.devices.mqttaccess;

import java.util.Locale;

/**
 * An MQTT access answer. {@code IGNORE} is for usernames outside our schemes: the EMQX hooks
 * pass them to the next authenticator/authorizer, while gRPC (allow: bool) reports them denied.
 */
public enum Verdict {
    ALLOW,
    DENY,
    IGNORE;

    /** {@code allow}, {@code deny} or {@code ignore}, the EMQX hooks' {@code result}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The gRPC answer: only ALLOW allows. */
    public boolean allowed() {
        return this == ALLOW;
    }
}

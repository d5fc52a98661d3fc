package com.placebrain.devices.platform.config;

import java.util.List;

/** Start-up failure caused by configuration; the message names every offending key. */
public class InvalidSettingsException extends RuntimeException {
    public InvalidSettingsException(List<String> problems) {
        super("Invalid configuration: " + String.join("; ", problems)
                + ". Set them in server.xml variables, microprofile-config.properties or environment variables"
                + " (e.g. devices.redis.url -> DEVICES_REDIS_URL).");
    }
}

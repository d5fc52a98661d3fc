package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The collector's MQTT password ({@code devices.mqtt.collector-secret}). The original accepted
 * any password; with no secret configured we accept none (CONTRACT §3). It should be a long
 * random string: it is compared in constant time but not throttled, since a cool-down on the
 * single {@code collector} username would let anyone lock the real collector out.
 */
@ApplicationScoped
public class CollectorSecret {

    private static final Logger LOG = Logger.getLogger(CollectorSecret.class.getName());

    private final Optional<String> secret;
    private final Secrets.Configured expected;

    @Inject
    CollectorSecret(MqttAccessSettings settings) {
        this.secret = settings.collectorSecret();
        this.expected = Secrets.configured(secret);
    }

    /** For CDI's client proxy. */
    CollectorSecret() {
        secret = Optional.empty();
        expected = null;
    }

    /**
     * At start-up, not on first use: the collector exits when its login is refused (CONTRACT §7),
     * so the operator must read why before the first refusal, not after it.
     */
    void warnIfUnset(@Observes Startup event) {
        if (secret.isEmpty()) {
            LOG.warning("devices.mqtt.collector-secret is not set: MQTT logins as 'collector' are denied, so the"
                    + " platform's collector (which logs in as 'collector', default password 'collector') will be"
                    + " refused. Set it to the password the collector is configured with.");
        }
    }

    public boolean matches(String presented) {
        return expected.matches(presented);
    }
}

package com.placebrain.devices.mqttaccess;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The collector's MQTT password ({@code devices.mqtt.collector-secret}). The original accepted
 * any password; with no secret configured we accept none (CONTRACT §3). It should be a long
 * random string: it is compared in constant time but not throttled, since a cool-down on the
 * single {@code collector} username would let anyone lock the real collector out.
 */
@ApplicationScoped
public class CollectorSecret {

    private static final Logger LOG = Logger.getLogger(CollectorSecret.class.getName());

    @Inject
    @ConfigProperty(name = "devices.mqtt.collector-secret")
    Optional<String> secret = Optional.empty();

    @PostConstruct
    void init() {
        if (configured().isEmpty()) {
            LOG.warning("devices.mqtt.collector-secret is not set: MQTT logins as 'collector' are denied");
        }
    }

    public boolean matches(String presented) {
        Optional<String> expected = configured();
        if (expected.isEmpty() || !Secrets.isPlausiblePassword(presented)) {
            return false;
        }
        // Digests first: MessageDigest.isEqual is constant-time only for inputs of equal length.
        return MessageDigest.isEqual(Secrets.sha256(presented), Secrets.sha256(expected.get()));
    }

    private Optional<String> configured() {
        return secret == null ? Optional.empty() : secret.filter(s -> !s.isEmpty());
    }
}

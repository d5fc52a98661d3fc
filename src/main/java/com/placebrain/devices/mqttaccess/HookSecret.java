package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The shared secret EMQX sends with every hook request ({@code devices.emqx.hook-secret}, in the
 * header {@code devices.emqx.hook-secret-header}). Without one the hooks answer anyone who reaches
 * the HTTP listener, and /mqtt/auth then tells them whether a password is right.
 */
@ApplicationScoped
public class HookSecret {

    private static final Logger LOG = Logger.getLogger(HookSecret.class.getName());

    private final Optional<String> secret;
    /** Digested once: it is compared on every hook request. */
    private final Secrets.Configured expected;
    private final String header;

    @Inject
    HookSecret(MqttAccessSettings settings) {
        this.secret = settings.hookSecret();
        this.expected = Secrets.configured(secret);
        this.header = settings.hookSecretHeader();
    }

    /** For CDI's client proxy. */
    HookSecret() {
        secret = Optional.empty();
        expected = null;
        header = null;
    }

    /** At start-up: an open hook is a deployment choice the operator must see, not discover. */
    void warnIfUnset(@Observes Startup event) {
        if (secret.isEmpty()) {
            LOG.warning("devices.emqx.hook-secret is not set: /mqtt/auth and /mqtt/acl answer anyone who reaches"
                    + " the HTTP listener (devices.http.host/port), who can then test MQTT passwords through them."
                    + " Set it, and have EMQX send it in the " + header + " header.");
        }
    }

    public String header() {
        return header;
    }

    /** Whether a request may use the hooks: it presents the secret, or none is configured. */
    public boolean admits(String presented) {
        return secret.isEmpty() || expected.matches(presented);
    }
}

package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.config.InvalidSettingsException;
import com.placebrain.devices.platform.config.ServiceSettings;
import com.placebrain.devices.platform.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The service's own MQTT login ({@code devices.mqtt.username} / {@code devices.mqtt.password},
 * CONTRACT §3): the identity SendCommand publishes with. EMQX authenticates every login through
 * us and authorizes with {@code no_match = deny}, so without this identity no command passes the
 * broker (as in the original, CONTRACT §7). Without both a username and a password there is no
 * such identity, and that username is as foreign to us as any other.
 *
 * <p>Like the collector's secret, the password is compared in constant time but not throttled: a
 * cool-down on this one username would let anyone stop the service's commands.
 */
@ApplicationScoped
public class ServiceLogin {

    private static final Logger LOG = Logger.getLogger(ServiceLogin.class.getName());

    private final ServiceSettings settings;
    private final Secrets.Configured password;

    @Inject
    ServiceLogin(ServiceSettings settings) {
        this.settings = settings;
        this.password = settings == null ? null : Secrets.configured(settings.mqttPassword());
    }

    /** For CDI's client proxy. */
    ServiceLogin() {
        this(null);
    }

    /**
     * Refuses to start with a username that one of our schemes already means ({@code collector},
     * {@code device:…}, {@code user:…}): that login would be judged as the collector or a device,
     * never as the service, so commands would silently fail at the broker.
     */
    void checkAtStartup(@Observes Startup event) {
        Optional<String> username = settings.mqttUsername();
        if (username.isPresent() && !(ParsedUsername.of(username.get()) instanceof ParsedUsername.Foreign)) {
            // The value is not echoed, as ServiceSettings does not echo values either.
            throw new InvalidSettingsException(List.of(ServiceSettings.MQTT_USERNAME + " is invalid (expected a name"
                    + " other than 'collector' and outside the 'device:' and 'user:' schemes, which MQTT access"
                    + " control gives other rights)"));
        }
        if (username.isPresent() && settings.mqttPassword().isEmpty()) {
            LOG.warning(ServiceSettings.MQTT_USERNAME + " is set but " + ServiceSettings.MQTT_PASSWORD + " is not: the"
                    + " service's own MQTT login is unknown to MQTT authentication, so a broker that asks it (EMQX)"
                    + " refuses the service and its commands.");
        }
    }

    /** The service's identity, when both its username and password are configured. */
    public Optional<MqttIdentity.Service> identity() {
        return settings.mqttPassword().isEmpty()
                ? Optional.empty()
                : settings.mqttUsername().map(MqttIdentity.Service::new);
    }

    public boolean matches(String presented) {
        return password.matches(presented);
    }
}

package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.devices.DeviceTokens;
import com.placebrain.devices.mqttaccess.DeviceDirectory.DeviceCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Checks a device's MQTT password (its token) in this order: the warm cache (no bcrypt), the
 * failure throttle, then the registry and bcrypt. The cache comes first so that a device with
 * the right secret keeps connecting while its username is in a cool-down.
 */
@ApplicationScoped
public class DeviceAuthenticator {

    private static final Logger LOG = Logger.getLogger(DeviceAuthenticator.class.getName());

    @Inject
    DeviceAuthCache cache;

    @Inject
    AuthThrottle throttle;

    @Inject
    DeviceDirectory directory;

    /** The device's place when the secret is its current token; empty otherwise. */
    public Optional<UUID> authenticate(MqttIdentity.Device device, String secret) {
        UUID id = device.deviceId();
        String username = device.username();
        if (!Secrets.isPlausiblePassword(secret)) {
            LOG.info(() -> "MQTT auth " + username + ": deny (no usable password)");
            return Optional.empty();
        }
        // Read before the registry: the entry written below carries this version, so any
        // revocation from now on makes it a miss.
        DeviceAuthCache.Snapshot snapshot = cache.authSnapshot(id);
        if (cache.enabled()) {
            Optional<UUID> cached = cache.placeIfSecretMatches(snapshot, id, secret);
            if (cached.isPresent()) {
                LOG.fine(() -> "MQTT auth " + username + ": allow (cached check)");
                return cached;
            }
        }
        if (!throttle.mayVerify(username)) {
            LOG.fine(() -> "MQTT auth " + username + ": deny (cool-down, not verified)");
            return Optional.empty();
        }
        Optional<DeviceCredentials> credentials = directory.find(id);
        if (credentials.isEmpty() || !DeviceTokens.matches(secret, credentials.get().tokenHash())) {
            throttle.failed(username);
            LOG.info(() -> "MQTT auth " + username + ": deny (" + (credentials.isEmpty() ? "unknown device" : "wrong token") + ")");
            return Optional.empty();
        }
        UUID placeId = credentials.get().placeId();
        cache.rememberSecret(id, snapshot.version(), placeId, secret);
        throttle.succeeded(username);
        LOG.fine(() -> "MQTT auth " + username + ": allow (verified)");
        return Optional.of(placeId);
    }
}

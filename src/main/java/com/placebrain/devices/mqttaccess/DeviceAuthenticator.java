package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.devices.DeviceTokens;
import com.placebrain.devices.devices.TokenVerifier;
import com.placebrain.devices.mqttaccess.DeviceDirectory.DeviceCredentials;
import com.placebrain.devices.platform.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks a device's MQTT password (its token) in this order: the warm cache (this replica's
 * recent copy of it, then Redis; {@link DeviceAuthCache}), the fast
 * verifier stored beside the bcrypt hash ({@link TokenVerifier}), and only when there is no
 * usable verifier (a token the Python service made, never yet checked here) bcrypt, rationed by
 * {@link BcryptBudget}. The first two answer every attempt, right or wrong, without bcrypt, so no
 * rate of wrong attempts can keep a device with a verifier out; a successful bcrypt check stores a
 * verifier, so a device needs bcrypt once.
 */
@ApplicationScoped
public class DeviceAuthenticator {

    private static final Logger LOG = Logger.getLogger(DeviceAuthenticator.class.getName());

    private final DeviceAuthCache cache;
    private final TokenVerifier verifier;
    private final BcryptBudget budget;
    private final DeviceDirectory directory;
    private final LoginMetrics metrics;

    @Inject
    DeviceAuthenticator(DeviceAuthCache cache, TokenVerifier verifier, BcryptBudget budget, DeviceDirectory directory,
                        LoginMetrics metrics) {
        this.cache = cache;
        this.verifier = verifier;
        this.budget = budget;
        this.directory = directory;
        this.metrics = metrics;
    }

    /** For CDI's client proxy. */
    DeviceAuthenticator() {
        this(null, null, null, null, null);
    }

    /**
     * The device's place when the secret is its current token; empty otherwise.
     *
     * @param source where the attempt comes from, for the bcrypt budget (see BcryptBudget.sourceOf)
     */
    public Optional<UUID> authenticate(MqttIdentity.Device device, String secret, String source) {
        UUID id = device.deviceId();
        String username = device.username();
        if (!Secrets.isPlausiblePassword(secret)) {
            LOG.info(() -> "MQTT auth " + username + ": deny (no usable password)");
            return Optional.empty();
        }
        Optional<UUID> recent = cache.recentPlaceIfSecretMatches(id, secret);
        if (recent.isPresent()) {
            metrics.localHit();
            LOG.fine(() -> "MQTT auth " + username + ": allow (cached check, this replica's copy)");
            return recent;
        }
        // Read before the registry: the entry written below carries this version, so any
        // revocation from now on makes it a miss.
        DeviceAuthCache.Snapshot snapshot = cache.authSnapshot(id);
        if (cache.enabled()) {
            Optional<UUID> cached = cache.placeIfSecretMatches(snapshot, id, secret);
            if (cached.isPresent()) {
                cache.keepRecent(id, snapshot, cached.get(), secret);
                metrics.cacheHit();
                LOG.fine(() -> "MQTT auth " + username + ": allow (cached check)");
                return cached;
            }
            metrics.cacheMiss();
        }
        Optional<DeviceCredentials> found = directory.find(id);
        if (found.isEmpty()) {
            return denied(username, "unknown device");
        }
        DeviceCredentials credentials = found.get();
        return switch (verifier.check(credentials.tokenVerifier(), id, credentials.tokenHash(), secret)) {
            case MATCH -> allowed(id, snapshot, credentials, secret, "verified");
            case MISMATCH -> denied(username, "wrong token");
            case UNUSABLE -> bcryptChecked(device, snapshot, credentials, secret, source);
        };
    }

    private Optional<UUID> bcryptChecked(MqttIdentity.Device device, DeviceAuthCache.Snapshot snapshot,
                                         DeviceCredentials credentials, String secret, String source) {
        String username = device.username();
        if (!budget.take(username, source)) {
            metrics.throttled();
            LOG.fine(() -> "MQTT auth " + username + ": deny (bcrypt budget spent, not verified)");
            return Optional.empty();
        }
        metrics.bcryptCheck();
        if (!DeviceTokens.matches(secret, credentials.tokenHash())) {
            return denied(username, "wrong token, bcrypt");
        }
        UUID id = device.deviceId();
        try {
            directory.storeVerifier(id, credentials.tokenHash(), verifier.create(id, credentials.tokenHash(), secret));
        } catch (RuntimeException e) {
            // The login is right whatever happens here; the next one runs bcrypt again.
            LOG.log(Level.WARNING, "MQTT auth " + username + ": could not store the token verifier: " + e.getMessage());
        }
        return allowed(id, snapshot, credentials, secret, "bcrypt");
    }

    private Optional<UUID> allowed(UUID id, DeviceAuthCache.Snapshot snapshot, DeviceCredentials credentials,
                                   String secret, String how) {
        cache.rememberSecret(id, snapshot.version(), credentials.placeId(), secret);
        LOG.fine(() -> "MQTT auth device:" + id + ": allow (" + how + ")");
        return Optional.of(credentials.placeId());
    }

    private static Optional<UUID> denied(String username, String why) {
        LOG.info(() -> "MQTT auth " + username + ": deny (" + why + ")");
        return Optional.empty();
    }
}

package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.devices.DeviceTokensRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes devices' cached MQTT checks (secret and place) invalid at once on every replica: for a
 * regenerated token, a deleted device, a deleted place. The database change itself is the
 * caller's; this only makes sure no cache keeps accepting what the database no longer does.
 */
@ApplicationScoped
public class DeviceCredentialRevocation {

    private static final Logger LOG = Logger.getLogger(DeviceCredentialRevocation.class.getName());

    private final DeviceAuthCache cache;

    @Inject
    DeviceCredentialRevocation(DeviceAuthCache cache) {
        this.cache = cache;
    }

    /** For CDI's client proxy. */
    DeviceCredentialRevocation() {
        this(null);
    }

    /**
     * Inside the transaction that changes or deletes the devices: revokes at once, and throws
     * (Redis unreachable) so that the change rolls back rather than commit with a cache still
     * accepting the old token. Outside a transaction both observers run at once; repeating is harmless.
     */
    void revokeNow(@Observes DeviceTokensRevoked revoked) {
        cache.revoke(revoked.deviceIds());
    }

    /**
     * Once more after the transaction completes, because a check running meanwhile still read the
     * old token from the database and could have cached it.
     */
    void revokeAgain(@Observes(during = TransactionPhase.AFTER_COMPLETION) DeviceTokensRevoked revoked) {
        try {
            cache.revoke(revoked.deviceIds());
        } catch (RuntimeException e) {
            // The change is committed and cannot be undone now; entries made in the window
            // expire within devices.mqtt.auth-cache-ttl-seconds.
            LOG.log(Level.WARNING, "Second revocation of " + revoked.deviceIds().size()
                    + " devices' MQTT checks failed: " + e.getMessage());
        }
    }
}

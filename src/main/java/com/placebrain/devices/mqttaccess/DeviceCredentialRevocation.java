package com.placebrain.devices.mqttaccess;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
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

    @Inject
    DeviceAuthCache cache;

    @Inject
    Event<Revoked> afterTransaction;

    /** Fired by {@link #revoke}; observed here once the caller's transaction has completed. */
    public record Revoked(Set<UUID> deviceIds) {
    }

    /**
     * Call it inside the transaction that changes or deletes the devices. It revokes at once,
     * and throws (Redis unreachable) so that the change rolls back rather than commit with a
     * cache still accepting the old token; and it revokes once more after the transaction
     * completes, because a check running meanwhile still read the old token from the database
     * and could have cached it. Outside a transaction both happen at once; repeating is harmless.
     */
    public void revoke(Collection<UUID> deviceIds) {
        if (deviceIds.isEmpty()) {
            return;
        }
        Set<UUID> ids = Set.copyOf(deviceIds);
        cache.revoke(ids);
        if (afterTransaction != null) {
            afterTransaction.fire(new Revoked(ids));
        }
    }

    void afterCompletion(@Observes(during = TransactionPhase.AFTER_COMPLETION) Revoked revoked) {
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

package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.redis.RedisEndpoint;
import com.placebrain.devices.platform.redis.RedisSubscription;
import com.placebrain.devices.platform.validation.CanonicalUuid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * This replica's one subscription to {@code mqtt:device:revoked} (published by
 * {@link DeviceAuthCache#revoke} on every replica): each message evicts the named devices from
 * {@link RecentDeviceChecks}. Kept up by {@link RedisSubscription}: while it is down the recent
 * copies are neither used nor kept; once subscribed again they start empty.
 */
@ApplicationScoped
public class DeviceRevocationSubscriber implements RedisSubscription.Handler {

    private static final Logger LOG = Logger.getLogger(DeviceRevocationSubscriber.class.getName());

    private final RecentDeviceChecks recent;
    private final RedisSubscription subscription;

    @Inject
    DeviceRevocationSubscriber(RecentDeviceChecks recent, RedisEndpoint endpoint, MqttKeys keys, ThreadFactory threads) {
        this.recent = recent;
        this.subscription = new RedisSubscription("Device revocation subscription", "device-revocations",
                "logins read Redis on every check", keys.deviceRevocations(), endpoint, this, threads, LOG);
    }

    /** For CDI's client proxy. */
    DeviceRevocationSubscriber() {
        this.recent = null;
        this.subscription = null;
    }

    /** Subscribes in the background; nothing when the recent copies are off. */
    public void start() {
        if (recent.enabled()) {
            subscription.start();
        }
    }

    /** Ends the subscription and its threads. */
    public void stop() {
        subscription.stop();
    }

    @Override
    public void up() {
        recent.subscribed();
    }

    @Override
    public void down() {
        recent.unsubscribed();
    }

    @Override
    public void message(String message) {
        List<UUID> ids = new ArrayList<>();
        for (String id : String.valueOf(message).split(",")) {
            Optional<UUID> parsed = CanonicalUuid.inName(id);
            if (parsed.isEmpty()) {
                // Not written by this service's revoke: which device it meant is unknown, so none is trusted.
                recent.evictAll();
                return;
            }
            ids.add(parsed.get());
        }
        recent.evict(ids);
    }
}

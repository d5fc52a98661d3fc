package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.cache.FeedLoop;
import com.placebrain.devices.platform.redis.RedisEndpoint;
import com.placebrain.devices.platform.validation.CanonicalUuid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPubSub;

/**
 * This replica's one subscription to {@code mqtt:device:revoked} (published by
 * {@link DeviceAuthCache#revoke} on every replica): each message evicts the named devices from
 * {@link RecentDeviceChecks}. The subscription holds a connection of its own, outside the pool.
 *
 * <p>Its thread (from the container's managed thread factory) reconnects after any loss
 * ({@link FeedLoop}: one log line per loss). While it is down the recent copies are neither used
 * nor kept; once subscribed again they start empty. A connection that dies without the socket
 * saying so is found by a ping every second: with no answer, not even the pong, for 3 s the read
 * fails and the connection is dropped.
 */
@ApplicationScoped
public class DeviceRevocationSubscriber {

    private static final Logger LOG = Logger.getLogger(DeviceRevocationSubscriber.class.getName());
    static final long PING_MILLIS = 1_000;
    /** Silence (no message, no pong) after which the connection counts as dead. */
    static final int SILENCE_MILLIS = 3_000;

    private final RecentDeviceChecks recent;
    private final RedisEndpoint endpoint;
    private final MqttKeys keys;
    private final ThreadFactory threads;
    private final FeedLoop loop;
    private volatile Connection connection;
    private volatile Listener listener;
    private Thread pinger;

    @Inject
    DeviceRevocationSubscriber(RecentDeviceChecks recent, RedisEndpoint endpoint, MqttKeys keys, ThreadFactory threads) {
        this.recent = recent;
        this.endpoint = endpoint;
        this.keys = keys;
        this.threads = threads;
        this.loop = new FeedLoop("Device revocation subscription", "device-revocations",
                "logins read Redis on every check", this::subscribe, this::unsubscribed, threads, LOG);
    }

    /** For CDI's client proxy. */
    DeviceRevocationSubscriber() {
        this(null, null, null, null);
    }

    /** Subscribes in the background; nothing when the recent copies are off. */
    public synchronized void start() {
        if (!recent.enabled() || loop.running()) {
            return;
        }
        loop.start();
        pinger = threads.newThread(this::pingUntilStopped);
        pinger.setName("device-revocations-ping");
        pinger.setDaemon(true);
        pinger.start();
    }

    /** Ends the subscription and its threads. */
    public synchronized void stop() {
        if (!loop.running()) {
            return;
        }
        // Closing the connection ends the subscription's blocked read.
        loop.stop(() -> drop(connection), 2_000);
        recent.unsubscribed();
        pinger.interrupt();
        try {
            pinger.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One connection's subscription, until it ends (FeedLoop). */
    private void subscribe(Runnable up) {
        Listener current = new Listener(up);
        try {
            connection = endpoint.connect();
            listener = current;
            current.proceed(connection, keys.deviceRevocations());
        } finally {
            listener = null;
            drop(connection);
            connection = null;
        }
    }

    private void unsubscribed() {
        recent.unsubscribed();
    }

    private void pingUntilStopped() {
        while (loop.running()) {
            try {
                Thread.sleep(PING_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Listener current = listener;
            if (current != null && current.isSubscribed()) {
                try {
                    current.ping();
                } catch (RuntimeException gone) {
                    // The subscriber's read fails too, and it reconnects.
                    LOG.log(Level.FINE, "Device revocation ping failed", gone);
                }
            }
        }
    }

    private static void drop(Connection connection) {
        if (connection != null) {
            try {
                connection.disconnect();
            } catch (RuntimeException ignored) {
                // Closing a broken connection: nothing left to do.
            }
        }
    }

    private final class Listener extends JedisPubSub {

        private final Runnable up;

        Listener(Runnable up) {
            this.up = up;
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            // Subscribing set the socket to wait for ever; a silent dead connection must fail the read.
            connection.setSoTimeout(SILENCE_MILLIS);
            up.run();
            recent.subscribed();
            LOG.info(() -> "Device revocation subscription up (" + channel + "): recent device logins answered"
                    + " from memory");
        }

        @Override
        public void onMessage(String channel, String message) {
            List<UUID> ids = new ArrayList<>();
            for (String id : message.split(",")) {
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
}

package com.placebrain.devices.platform.redis;

import com.placebrain.devices.platform.cache.FeedLoop;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPubSub;

/**
 * One Redis pub/sub subscription kept up for a replica's copies of what Redis holds: a connection
 * of its own (outside the pool), reconnected after any loss ({@link FeedLoop}: one log line per
 * loss). A connection that dies without the socket saying so is found by a ping every second: with
 * no answer, not even the pong, for 3 s the read fails and the connection is dropped. The owner
 * hears when the subscription is up, every message, and every loss.
 */
public final class RedisSubscription {

    /** What the owner of the subscription does with it. */
    public interface Handler {

        /** Commands sent on the new connection before it subscribes (client tracking, say). */
        default void prepare(Connection connection) {
        }

        /** Subscribed: messages from now on arrive. */
        void up();

        /**
         * A message of the channel; null when Redis sent none (a client-tracking invalidation of
         * every key, after a FLUSHALL). A tracking invalidation of several keys arrives as one call
         * per key.
         */
        void message(String message);

        /** The subscription ended: messages may be missed until {@link #up()} again. */
        void down();
    }

    public static final long PING_MILLIS = 1_000;
    /** Silence (no message, no pong) after which the connection counts as dead. */
    public static final int SILENCE_MILLIS = 3_000;

    private final String name;
    private final String threadName;
    private final String channel;
    private final RedisEndpoint endpoint;
    private final Handler handler;
    private final ThreadFactory threads;
    private final Logger log;
    private final FeedLoop loop;
    private volatile Connection connection;
    private volatile Listener listener;
    private Thread pinger;

    /**
     * @param name what the subscription is, for the log ("Device revocation subscription")
     * @param threadName its threads' name
     * @param consequence what the replica does while it is down, for the log line
     * @param log the owner's logger, so that the lines are found under the owner's name
     */
    public RedisSubscription(String name, String threadName, String consequence, String channel, RedisEndpoint endpoint,
                             Handler handler, ThreadFactory threads, Logger log) {
        this.name = name;
        this.channel = channel;
        this.endpoint = endpoint;
        this.handler = handler;
        this.threads = threads;
        this.log = log;
        this.threadName = threadName;
        this.loop = new FeedLoop(name, threadName, consequence, this::subscribe, handler::down, threads, log);
    }

    public synchronized void start() {
        if (loop.running()) {
            return;
        }
        loop.start();
        pinger = threads.newThread(this::pingUntilStopped);
        pinger.setName(threadName + "-ping");
        pinger.setDaemon(true);
        pinger.start();
    }

    /** Ends the subscription and its threads; the owner hears {@link Handler#down()} once more. */
    public synchronized void stop() {
        if (!loop.running()) {
            return;
        }
        // Closing the connection ends the subscription's blocked read.
        loop.stop(() -> drop(connection), 2_000);
        handler.down();
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
            handler.prepare(connection);
            listener = current;
            current.proceed(connection, channel);
        } finally {
            listener = null;
            drop(connection);
            connection = null;
        }
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
                    log.log(Level.FINE, name + ": ping failed", gone);
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
        public void onSubscribe(String subscribed, int subscribedChannels) {
            // Subscribing set the socket to wait for ever; a silent dead connection must fail the read.
            connection.setSoTimeout(SILENCE_MILLIS);
            up.run();
            handler.up();
            log.info(() -> name + " up (" + subscribed + ")");
        }

        @Override
        public void onMessage(String from, String message) {
            handler.message(message);
        }
    }
}

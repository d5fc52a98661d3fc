package com.placebrain.devices.platform.cache;

import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * Keeps a feed of changes up (a Redis subscription, a PostgreSQL LISTEN) on a thread of its own:
 * runs a session, which connects and reads until the connection ends, again after every end, until
 * stopped. Between attempts it waits from 250 ms doubling to 5 s, from 250 ms again once a session
 * got its feed up. After every end the owner hears that the feed is down (its copies are then
 * neither kept nor used); one log line per loss, none per failed attempt.
 */
public final class FeedLoop {

    /** One connection's life. */
    public interface Session {

        /**
         * Connects and reads until the connection ends or {@link FeedLoop#stop} ends it; calls
         * {@code up} once the feed is up. An exception is the reason the feed is down.
         */
        void run(Runnable up) throws Exception;
    }

    static final long FIRST_RETRY_MILLIS = 250;
    static final long LAST_RETRY_MILLIS = 5_000;

    private final String name;
    private final String threadName;
    private final String consequence;
    private final Session session;
    private final Runnable down;
    private final ThreadFactory threads;
    private final Logger log;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name what the feed is, for the log ("Device revocation subscription")
     * @param threadName the loop thread's name
     * @param consequence what the replica does while the feed is down, for the log line
     * @param down what the owner does after every end of a session
     * @param log the owner's logger, so that the line is found under the owner's name
     */
    public FeedLoop(String name, String threadName, String consequence, Session session, Runnable down,
                    ThreadFactory threads, Logger log) {
        this.name = name;
        this.threadName = threadName;
        this.consequence = consequence;
        this.session = session;
        this.down = down;
        this.threads = threads;
        this.log = log;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = threads.newThread(this::runUntilStopped);
        thread.setName(threadName);
        thread.setDaemon(true);
        thread.start();
    }

    public boolean running() {
        return running;
    }

    /**
     * Ends the loop: no session starts after this. {@code unblock} ends the current session's
     * read if it cannot see the stop by itself (closes its connection); the thread gets
     * {@code joinMillis} to end.
     */
    public synchronized void stop(Runnable unblock, long joinMillis) {
        if (!running) {
            return;
        }
        running = false;
        unblock.run();
        thread.interrupt();
        try {
            thread.join(joinMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runUntilStopped() {
        long retryMillis = FIRST_RETRY_MILLIS;
        boolean lostLogged = false;
        while (running) {
            boolean[] wasUp = {false};
            String reason = "ended";
            try {
                session.run(() -> wasUp[0] = true);
            } catch (Exception e) {
                reason = e.getMessage();
            } finally {
                // Also when an Error ends the thread: then nothing is kept or used, only slower.
                down.run();
            }
            if (wasUp[0]) {
                retryMillis = FIRST_RETRY_MILLIS;
                lostLogged = false;
            }
            if (!running) {
                return;
            }
            if (!lostLogged) {
                log.warning(name + " down (" + reason + "): " + consequence + " until it is back");
                lostLogged = true;
            }
            try {
                Thread.sleep(retryMillis);
            } catch (InterruptedException e) {
                return;
            }
            retryMillis = Math.min(retryMillis * 2, LAST_RETRY_MILLIS);
        }
    }
}

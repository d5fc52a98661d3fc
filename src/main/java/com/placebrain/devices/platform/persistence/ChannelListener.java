package com.placebrain.devices.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * This replica's {@code LISTEN} on one PostgreSQL channel: a connection of the pool kept for it
 * alone, read by a thread of its own. PostgreSQL delivers a notification only when the transaction
 * that sent it commits, to every listening session, in commit order.
 *
 * <p>After any loss the thread connects again, waiting from 250 ms doubling to 5 s between
 * attempts. A connection that dies without the socket saying so is found by a query after every
 * second of silence, which fails after 3 s without an answer. The handler hears of every change of
 * state: notifications may have been missed while it was down. One log line per change of state,
 * none per attempt.
 */
public final class ChannelListener {

    /** What the owner does with the channel. Called on the listener's thread. */
    public interface Handler {

        /** LISTEN is in place: every commit from now on is heard. */
        void listening();

        void notified(String payload);

        /** The connection is gone: what commits until {@link #listening()} again may not be heard. */
        void lost();
    }

    private static final Logger LOG = Logger.getLogger(ChannelListener.class.getName());
    static final long FIRST_RETRY_MILLIS = 250;
    static final long LAST_RETRY_MILLIS = 5_000;
    static final int POLL_MILLIS = 1_000;
    static final int SILENCE_MILLIS = 3_000;

    private final DataSource dataSource;
    private final String channel;
    private final String consequence;
    private final Handler handler;
    private final ThreadFactory threads;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param dataSource unshareable: the connection is held for as long as the listener runs
     * @param channel an SQL identifier of our own (never outside input): it is written into LISTEN
     * @param consequence what the replica does while the listener is down, for the log line
     */
    public ChannelListener(DataSource dataSource, String channel, String consequence, Handler handler,
                           ThreadFactory threads) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.consequence = consequence;
        this.handler = handler;
        this.threads = threads;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = threads.newThread(this::listenUntilStopped);
        thread.setName("listen-" + channel);
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        // The thread sees this within a poll (a second): interrupting does not end a socket read.
        thread.interrupt();
        try {
            thread.join(POLL_MILLIS + SILENCE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen(PGConnection notifications, Statement statement) throws SQLException {
        while (running) {
            PGNotification[] arrived = notifications.getNotifications(POLL_MILLIS);
            if (arrived == null || arrived.length == 0) {
                // A second of silence: a query proves the connection still answers.
                statement.execute("SELECT 1");
                continue;
            }
            for (PGNotification notification : arrived) {
                handler.notified(notification.getParameter());
            }
        }
    }

    private static void unlisten(Connection connection, Statement statement, int networkTimeout) {
        try {
            statement.execute("UNLISTEN *");
            connection.setNetworkTimeout(Runnable::run, networkTimeout);
        } catch (SQLException | RuntimeException gone) {
            // A broken connection: the pool drops it.
            LOG.log(Level.FINE, "Leaving LISTEN failed", gone);
        }
    }

    private void listenUntilStopped() {
        long retryMillis = FIRST_RETRY_MILLIS;
        boolean lostLogged = false;
        while (running) {
            boolean wasListening = false;
            String reason;
            try (Connection current = dataSource.getConnection()) {
                PGConnection notifications = current.unwrap(PGConnection.class);
                int networkTimeout = current.getNetworkTimeout();
                current.setNetworkTimeout(Runnable::run, SILENCE_MILLIS);
                try (Statement statement = current.createStatement()) {
                    statement.execute("LISTEN " + channel);
                    wasListening = true;
                    handler.listening();
                    retryMillis = FIRST_RETRY_MILLIS;
                    lostLogged = false;
                    LOG.info(() -> "Listening on PostgreSQL channel " + channel);
                    try {
                        listen(notifications, statement);
                    } finally {
                        // The connection goes back to the pool: as it came, if it still answers.
                        unlisten(current, statement, networkTimeout);
                    }
                }
                reason = "stopped";
            } catch (SQLException | RuntimeException e) {
                reason = e.getMessage();
            } finally {
                // Also when an Error ends the thread: then nothing is kept or used, only slower.
                handler.lost();
            }
            if (!running) {
                return;
            }
            if (wasListening || !lostLogged) {
                LOG.warning("Not listening on PostgreSQL channel " + channel + " (" + reason + "): " + consequence
                        + " until it is back");
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

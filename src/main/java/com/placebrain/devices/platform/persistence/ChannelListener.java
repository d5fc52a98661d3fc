package com.placebrain.devices.platform.persistence;

import com.placebrain.devices.platform.cache.FeedLoop;
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
 * alone, read by a thread of its own ({@link FeedLoop}: connected again after any loss, one log
 * line per loss). PostgreSQL delivers a notification only when the transaction that sent it
 * commits, to every listening session, in commit order.
 *
 * <p>A connection that dies without the socket saying so is found by a query after every second
 * of silence, which fails when the data source's {@code socketTimeout} (server.xml, 30 s) passes
 * without an answer. The handler hears of every change of state: notifications may have been
 * missed while it was down. A connection that still answers goes back to the pool as it came
 * (UNLISTEN).
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
    /** How long one read waits: a stop waits for it (it holds up the application's stop). */
    static final int POLL_MILLIS = 200;
    /** Silence after which a query checks the connection. */
    static final long SILENCE_NANOS = 1_000_000_000L;

    private final DataSource dataSource;
    private final String channel;
    private final Handler handler;
    private final FeedLoop loop;

    /**
     * @param dataSource unshareable: the connection is held for as long as the listener runs
     * @param channel an SQL identifier of our own (never outside input): it is written into LISTEN
     * @param consequence what the replica does while the listener is down, for the log line
     */
    public ChannelListener(DataSource dataSource, String channel, String consequence, Handler handler,
                           ThreadFactory threads) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.handler = handler;
        this.loop = new FeedLoop("LISTEN on PostgreSQL channel " + channel, "listen-" + channel, consequence,
                this::listen, handler::lost, threads, LOG);
    }

    public void start() {
        loop.start();
    }

    /** The thread sees the stop within a poll: interrupting does not end a socket read. */
    public void stop() {
        loop.stop(() -> { }, 2 * POLL_MILLIS);
    }

    private void listen(Runnable up) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // No network timeout of its own: set through Liberty's wrapper, it wrote three
            // untranslated lines to the console ("DEFAULT_MATCH_ORIGINAL NetworkTimeout
            // connectionSharing"), and the unwrapped driver connection is only a PGConnection.
            PGConnection notifications = connection.unwrap(PGConnection.class);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + channel);
                up.run();
                handler.listening();
                LOG.info(() -> "Listening on PostgreSQL channel " + channel);
                try {
                    read(notifications, statement);
                } finally {
                    unlisten(statement);
                }
            }
        }
    }

    private void read(PGConnection notifications, Statement statement) throws SQLException {
        long heard = System.nanoTime();
        while (loop.running()) {
            PGNotification[] arrived = notifications.getNotifications(POLL_MILLIS);
            if (arrived != null && arrived.length > 0) {
                for (PGNotification notification : arrived) {
                    handler.notified(notification.getParameter());
                }
                heard = System.nanoTime();
            } else if (System.nanoTime() - heard >= SILENCE_NANOS) {
                // A second of silence: a query proves the connection still answers.
                statement.execute("SELECT 1");
                heard = System.nanoTime();
            }
        }
    }

    private static void unlisten(Statement statement) {
        try {
            statement.execute("UNLISTEN *");
        } catch (SQLException | RuntimeException gone) {
            // A broken connection: the pool drops it.
            LOG.log(Level.FINE, "Leaving LISTEN failed", gone);
        }
    }
}

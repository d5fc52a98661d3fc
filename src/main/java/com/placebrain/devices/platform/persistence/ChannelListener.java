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
 * of silence, which fails after 3 s without an answer. The handler hears of every change of state:
 * notifications may have been missed while it was down. A connection that still answers goes back
 * to the pool as it came (UNLISTEN, its network timeout restored).
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
    static final int POLL_MILLIS = 1_000;
    static final int SILENCE_MILLIS = 3_000;

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

    /** The thread sees the stop within a poll (a second): interrupting does not end a socket read. */
    public void stop() {
        loop.stop(() -> { }, POLL_MILLIS + SILENCE_MILLIS);
    }

    private void listen(Runnable up) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            PGConnection notifications = connection.unwrap(PGConnection.class);
            // The timeout is set on the driver's connection: through Liberty's wrapper every set
            // wrote three untranslated lines to the console ("DEFAULT_MATCH_ORIGINAL NetworkTimeout
            // connectionSharing"). unlisten() puts it back before the pool has the connection again.
            Connection driverConnection = (Connection) notifications;
            int networkTimeout = driverConnection.getNetworkTimeout();
            driverConnection.setNetworkTimeout(Runnable::run, SILENCE_MILLIS);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + channel);
                up.run();
                handler.listening();
                LOG.info(() -> "Listening on PostgreSQL channel " + channel);
                try {
                    read(notifications, statement);
                } finally {
                    unlisten(driverConnection, statement, networkTimeout);
                }
            }
        }
    }

    private void read(PGConnection notifications, Statement statement) throws SQLException {
        while (loop.running()) {
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
}

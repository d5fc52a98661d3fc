package com.placebrain.devices.events.outbox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * What the outbox holds and what the relay did: {@code outbox_backlog_events} and
 * {@code outbox_oldest_event_age_seconds} (read from the table when scraped, once for both and at
 * most once a second, NaN while
 * PostgreSQL does not answer), {@code outbox_events_published_total} and
 * {@code outbox_relay_failures_total} (passes that Kafka did not fully acknowledge).
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final String BACKLOG_QUERY =
            "SELECT count(*), EXTRACT(EPOCH FROM now() - min(created_at)) FROM outbox_events";

    @Inject
    MetricRegistry registry;

    /** Unshareable, as in DeviceReads: read outside a transaction, it goes back to the pool when closed. */
    @Resource(lookup = "jdbc/devices", shareable = false)
    DataSource dataSource;

    private static final long READ_EVERY_NANOS = 1_000_000_000L;

    private Counter published;
    private Counter failures;
    private Backlog backlog = new Backlog(Double.NaN, Double.NaN, System.nanoTime() - 2 * READ_EVERY_NANOS);

    public void register() {
        published = registry.counter(Metadata.builder().withName("outbox.events.published")
                .withDescription("Outbox events the broker acknowledged (and were deleted from the outbox)").build());
        failures = registry.counter(Metadata.builder().withName("outbox.relay.failures")
                .withDescription("Relay passes that Kafka did not fully acknowledge; their events are retried").build());
        registry.gauge(Metadata.builder().withName("outbox.backlog").withUnit("events")
                .withDescription("Events in the outbox, not yet acknowledged by Kafka").build(), () -> backlog().events());
        registry.gauge(Metadata.builder().withName("outbox.oldest.event.age").withUnit(MetricUnits.SECONDS)
                .withDescription("Age of the oldest event in the outbox; 0 when it is empty").build(), () -> backlog().oldestSeconds());
    }

    public void published(int events) {
        published.inc(events);
    }

    public void failed() {
        failures.inc();
    }

    /** One read of the table serves both gauges of a scrape (they are read one after the other). */
    private synchronized Backlog backlog() {
        if (System.nanoTime() - backlog.readAt() > READ_EVERY_NANOS) {
            backlog = readBacklog();
        }
        return backlog;
    }

    /** NaN for both when the database does not answer. */
    private Backlog readBacklog() {
        long readAt = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement()) {
            query.setQueryTimeout(2);
            try (ResultSet row = query.executeQuery(BACKLOG_QUERY)) {
                row.next();
                long events = row.getLong(1);
                double oldest = row.getDouble(2); // NULL (0 here) when the outbox is empty
                return new Backlog(events, oldest, readAt);
            }
        } catch (SQLException e) {
            return new Backlog(Double.NaN, Double.NaN, readAt);
        }
    }

    private record Backlog(double events, double oldestSeconds, long readAt) {
    }
}

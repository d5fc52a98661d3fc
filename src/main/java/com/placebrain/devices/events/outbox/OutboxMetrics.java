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
 * {@code outbox_oldest_event_age_seconds} (read from the table when scraped, NaN while
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

    private Counter published;
    private Counter failures;

    void register() {
        published = registry.counter(Metadata.builder().withName("outbox.events.published")
                .withDescription("Outbox events the broker acknowledged (and were deleted from the outbox)").build());
        failures = registry.counter(Metadata.builder().withName("outbox.relay.failures")
                .withDescription("Relay passes that Kafka did not fully acknowledge; their events are retried").build());
        registry.gauge(Metadata.builder().withName("outbox.backlog").withUnit("events")
                .withDescription("Events in the outbox, not yet acknowledged by Kafka").build(), () -> backlog(1));
        registry.gauge(Metadata.builder().withName("outbox.oldest.event.age").withUnit(MetricUnits.SECONDS)
                .withDescription("Age of the oldest event in the outbox; 0 when it is empty").build(), () -> backlog(2));
    }

    void published(int events) {
        published.inc(events);
    }

    void failed() {
        failures.inc();
    }

    /** Column 1: rows; column 2: age of the oldest in seconds. NaN when the database does not answer. */
    private double backlog(int column) {
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement()) {
            query.setQueryTimeout(2);
            try (ResultSet row = query.executeQuery(BACKLOG_QUERY)) {
                row.next();
                double value = row.getDouble(column);
                return row.wasNull() ? 0 : value;
            }
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}

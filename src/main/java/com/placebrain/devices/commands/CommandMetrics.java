package com.placebrain.devices.commands;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * SendCommand outcomes, {@code commands_total{outcome=...}}: {@code published} (the broker
 * acknowledged it), {@code refused} (the caller's error: invalid, not allowed, not found) and
 * {@code broker_unavailable} (the broker did not take it in time).
 */
@ApplicationScoped
public class CommandMetrics {

    private static final Metadata COMMANDS = Metadata.builder().withName("commands")
            .withDescription("SendCommand outcomes: published, refused, broker_unavailable").build();

    @Inject
    MetricRegistry registry;

    private Counter published;
    private Counter refused;
    private Counter brokerUnavailable;

    /** At start-up, so the three series are on /metrics (at 0) before the first command. */
    void register(@Observes Startup startup) {
        published = registry.counter(COMMANDS, new Tag("outcome", "published"));
        refused = registry.counter(COMMANDS, new Tag("outcome", "refused"));
        brokerUnavailable = registry.counter(COMMANDS, new Tag("outcome", "broker_unavailable"));
    }

    public void published() {
        published.inc();
    }

    public void refused() {
        refused.inc();
    }

    public void brokerUnavailable() {
        brokerUnavailable.inc();
    }
}

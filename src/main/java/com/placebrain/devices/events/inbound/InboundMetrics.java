package com.placebrain.devices.events.inbound;

import com.placebrain.devices.platform.metrics.TaggedMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * What became of consumed records, {@code kafka_records_consumed_total{topic, outcome}}:
 * {@code processed} (its effect is durable, or it was dropped as not applicable, e.g. a place
 * mismatch), {@code dead_lettered} (unreadable or refused: in the DLQ or logged), {@code retried}
 * (an attempt that a dependency's outage failed; counted per record and attempt).
 */
@ApplicationScoped
public class InboundMetrics {

    private static final Metadata CONSUMED = Metadata.builder().withName("kafka.records.consumed")
            .withDescription("Consumed records by topic and outcome: processed, dead_lettered, retried").build();

    private final TaggedMetrics<Counter> counters;

    @Inject
    public InboundMetrics(MetricRegistry registry) {
        this.counters = TaggedMetrics.counters(registry, CONSUMED, "topic", "outcome");
    }

    /** For CDI's client proxy. */
    protected InboundMetrics() {
        this.counters = null;
    }

    public void processed(String topic, int records) {
        counters.with(topic, "processed").inc(records);
    }

    public void deadLettered(String topic) {
        counters.with(topic, "dead_lettered").inc();
    }

    public void retried(String topic, int records) {
        counters.with(topic, "retried").inc(records);
    }
}

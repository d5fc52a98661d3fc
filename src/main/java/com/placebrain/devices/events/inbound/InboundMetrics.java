package com.placebrain.devices.events.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

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

    private final MetricRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    public InboundMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** For CDI's client proxy. */
    protected InboundMetrics() {
        this.registry = null;
    }

    void processed(String topic, int records) {
        counter(topic, "processed").inc(records);
    }

    void deadLettered(String topic) {
        counter(topic, "dead_lettered").inc();
    }

    void retried(String topic, int records) {
        counter(topic, "retried").inc(records);
    }

    private Counter counter(String topic, String outcome) {
        return counters.computeIfAbsent(topic + ' ' + outcome,
                key -> registry.counter(CONSUMED, new Tag("topic", topic), new Tag("outcome", outcome)));
    }
}

package com.placebrain.devices.events.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code kafka_consumer_lag_records{topic=...}}: per consumed topic, the records of all its
 * partitions past the service group's committed offsets (a partition without a commit counts 0). Read from the brokers when scraped
 * (at most every {@value #REFRESH_MILLIS} ms; NaN while Kafka does not answer), so the figure is
 * the group's, whichever replica holds the partitions.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class.getName());
    private static final long REFRESH_MILLIS = 5_000;
    private static final Metadata LAG = Metadata.builder().withName("kafka.consumer.lag").withUnit("records")
            .withDescription("Records of a consumed topic past the consumer group's committed offsets").build();

    @Inject
    Admin admin;

    @Inject
    Config config;

    @Inject
    MetricRegistry registry;

    private String group;
    private Set<String> topics;
    private Map<String, Double> lagByTopic = Map.of();
    private long readAt;

    void register(@Observes Startup startup) {
        group = config.getValue("mp.messaging.connector.liberty-kafka.group.id", String.class);
        topics = new TreeSet<>();
        for (String key : config.getPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                topics.add(config.getValue(key, String.class));
            }
        }
        for (String topic : topics) {
            registry.gauge(LAG, () -> lag(topic), new Tag("topic", topic));
        }
    }

    private synchronized double lag(String topic) {
        if (System.currentTimeMillis() - readAt > REFRESH_MILLIS) {
            lagByTopic = read();
            readAt = System.currentTimeMillis();
        }
        return lagByTopic.getOrDefault(topic, Double.NaN);
    }

    private Map<String, Double> read() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ends = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS)
                    .values().stream().flatMap(topic -> topic.partitions().stream()
                            .map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(ends).all().get(5, TimeUnit.SECONDS);
            Map<String, Double> lag = new HashMap<>();
            end.forEach((partition, info) -> {
                OffsetAndMetadata at = committed.get(partition);
                // A partition the group has not committed on yet counts 0: where the group starts
                // there depends on the channel's offset reset (latest for telemetry), not on the log.
                long behind = at == null ? 0 : info.offset() - at.offset();
                lag.merge(partition.topic(), (double) Math.max(0, behind), Double::sum);
            });
            return lag;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.FINE, "Consumer lag not read", e);
            return Map.of();
        }
    }
}

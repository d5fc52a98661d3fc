package com.placebrain.devices.roles;

import com.placebrain.devices.platform.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Redis may lose the role cache (a restart without persistence, FLUSHALL). A marker key tells:
 * when it is missing, the compacted member topics and the place deletions are read again from
 * the beginning and applied with the same version rule as live events, then the marker is set.
 * Live consumption goes on meanwhile; both converge on the newest state.
 */
@ApplicationScoped
public class RoleCacheRebuild {

    private static final Logger LOG = Logger.getLogger(RoleCacheRebuild.class.getName());
    private static final Metadata REBUILDS = Metadata.builder().withName("role.cache.rebuilds")
            .withUnit(MetricUnits.SECONDS).withDescription("Role cache rebuilds from the member topics, by outcome:"
                    + " completed, or lost_again (Redis lost the cache during the rebuild)").build();
    private static final Metadata REBUILD_FAILURES = Metadata.builder().withName("role.cache.rebuild.failures")
            .withDescription("Role cache rebuilds that failed (Kafka or Redis unavailable) and are retried").build();

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    RoleCache cache;

    @Inject
    KafkaClients kafka;

    @Inject
    RoleSettings settings;

    @Inject
    MetricRegistry metrics;

    private ScheduledFuture<?> task;

    public void start() {
        task = scheduler.scheduleWithFixedDelay(this::rebuildIfLost, 0, settings.checkIntervalMillis(), TimeUnit.MILLISECONDS);
    }

    public void rebuildIfLost() {
        try {
            if (!cache.isReady()) {
                long started = System.nanoTime();
                // The marker is set only at the end: until then callers without a cached role get
                // UNAVAILABLE, not a refusal the cache cannot vouch for (PlaceAccess).
                String rebuild = cache.beginRebuild();
                int applied = rebuild();
                boolean completed = cache.finishRebuild(rebuild);
                metrics.timer(REBUILDS, new Tag("outcome", completed ? "completed" : "lost_again"))
                        .update(Duration.ofNanos(System.nanoTime() - started));
                if (completed) {
                    LOG.info(() -> "Role cache rebuilt from the member topics: " + applied + " events in "
                            + (System.nanoTime() - started) / 1_000_000 + " ms");
                } else {
                    LOG.warning("Role cache lost again during its rebuild; rebuilding again in "
                            + settings.checkIntervalMillis() + " ms");
                }
            }
        } catch (RuntimeException e) {
            metrics.counter(REBUILD_FAILURES).inc();
            LOG.log(Level.WARNING, "Role cache rebuild failed; retrying in " + settings.checkIntervalMillis() + " ms", e);
        }
    }

    /** Reads the topics from the beginning up to their current end; returns the number of records. */
    public int rebuild() {
        Map<String, String> channelOfTopic = settings.channelOfTopic();
        LOG.info("Role cache marker missing: rebuilding from " + channelOfTopic.keySet());
        int applied = 0;
        try (Consumer<String, String> consumer = kafka.consumer("devices-service-role-rebuild", Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : channelOfTopic.keySet()) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                List<MemberEvent> events = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    readReplayed(channelOfTopic.get(record.topic()), record).ifPresent(events::add);
                    applied++;
                }
                cache.replay(events);
            }
        }
        return applied;
    }

    /** Malformed records are skipped here: the live consumer sends them to the DLQ. */
    private static Optional<MemberEvent> readReplayed(String channel, ConsumerRecord<String, String> record) {
        try {
            return Optional.of(MemberEvent.read(channel, record));
        } catch (RuntimeException e) {
            LOG.fine(() -> "Skipped unreadable record " + record.topic() + "@" + record.offset() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Idempotent; called when the application begins to stop. */
    @PreDestroy
    public synchronized void stop() {
        if (task != null) {
            task.cancel(true);
            task = null;
        }
    }
}

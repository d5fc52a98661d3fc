package com.placebrain.devices.roles;

import com.placebrain.devices.platform.config.ServiceSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Redis may lose the role cache (a restart without persistence, FLUSHALL). A marker key tells:
 * when it is missing, the compacted member topics and the place deletions are read again from
 * the beginning and applied with the same version rule as live events, then the marker is set.
 * Live consumption goes on meanwhile; both converge on the newest state.
 */
@ApplicationScoped
public class RoleCacheRebuild {

    static final List<String> TOPICS = List.of(
            "places.member.added", "places.member.role-changed", "places.member.removed", "places.place.deleted");
    private static final Logger LOG = Logger.getLogger(RoleCacheRebuild.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    RoleCache cache;

    @Inject
    ServiceSettings settings;

    @Inject
    @ConfigProperty(name = "devices.roles.check-interval-ms", defaultValue = "5000")
    long checkIntervalMillis;

    private ScheduledFuture<?> task;

    public void start() {
        task = scheduler.scheduleWithFixedDelay(this::rebuildIfLost, 0, checkIntervalMillis, TimeUnit.MILLISECONDS);
    }

    void rebuildIfLost() {
        try {
            if (!cache.isReady()) {
                long started = System.nanoTime();
                // The marker is set only at the end: until then callers without a cached role get
                // UNAVAILABLE, not a refusal the cache cannot vouch for (PlaceAccess).
                String rebuild = cache.beginRebuild();
                int applied = rebuild();
                if (cache.finishRebuild(rebuild)) {
                    LOG.info(() -> "Role cache rebuilt from the member topics: " + applied + " events in "
                            + (System.nanoTime() - started) / 1_000_000 + " ms");
                } else {
                    LOG.warning("Role cache lost again during its rebuild; rebuilding again in " + checkIntervalMillis + " ms");
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Role cache rebuild failed; retrying in " + checkIntervalMillis + " ms", e);
        }
    }

    /** Reads the topics from the beginning up to their current end; returns the number of records. */
    int rebuild() {
        LOG.info("Role cache marker missing: rebuilding from " + TOPICS);
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "devices-service-role-rebuild");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        int applied = 0;
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    applyReplayed(record);
                    applied++;
                }
            }
        }
        return applied;
    }

    /** Malformed records are skipped here: the live consumer already sent them to the DLQ. */
    private void applyReplayed(ConsumerRecord<String, String> record) {
        try {
            JsonObject value = Json.createReader(new StringReader(record.value())).readObject();
            UUID place = UUID.fromString(((JsonString) value.get("place_id")).getString());
            String version = RoleCache.version(record.timestamp(), record.offset());
            switch (record.topic()) {
                case "places.place.deleted" -> cache.dropPlace(place, version);
                case "places.member.removed" -> cache.apply(place, userOf(value), Optional.empty(), version);
                default -> Role.fromWire(((JsonString) value.get("role")).getString())
                        .ifPresent(role -> cache.apply(place, userOf(value), Optional.of(role), version));
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "Skipped unreadable record " + record.topic() + "@" + record.offset());
        }
    }

    private static UUID userOf(JsonObject value) {
        return UUID.fromString(((JsonString) value.get("user_id")).getString());
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

package com.placebrain.devices.bench;

import com.placebrain.devices.bench.Bench.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * The role cache's rebuild after Redis lost its data: N memberships (100 places) are produced to
 * places.member.added and consumed; then each round runs {@code FLUSHALL} and times until the
 * service has set the ready marker and every one of the N roles is back. The service checks the
 * marker every 5 s (devices.roles.check-interval-ms), so a round includes up to that wait.
 * Baseline in the same round: a plain kafka-clients consumer reading the four topics the rebuild
 * reads (RoleCacheRebuild.TOPICS) from their beginning to their end. FLUSHALL: never on a shared
 * Redis. The records stay in the compacted member topics, so every later rebuild reads them too.
 */
final class RoleRebuildLoad {

    private static final List<String> TOPICS = List.of(
            "places.member.added", "places.member.role-changed", "places.member.removed", "places.place.deleted");

    private RoleRebuildLoad() {
    }

    static List<Row> figures(Bench bench) throws Exception {
        int members = bench.integer("members");
        int rounds = bench.rounds();
        String bootstrap = bench.text("kafka");
        List<String> places = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            places.add(UUID.randomUUID().toString());
        }
        try (JedisPooled redis = bench.redis();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                     new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < members; i++) {
                String place = places.get(i % places.size());
                String user = UUID.randomUUID().toString();
                producer.send(new ProducerRecord<>("places.member.added", place + ":" + user,
                        "{\"place_id\":\"" + place + "\",\"user_id\":\"" + user + "\",\"role\":\"viewer\"}"));
            }
            producer.flush();
            await(() -> roles(redis, places) >= members, "the service did not consume the memberships");
            System.out.printf("   %,d memberships consumed%n", members);
            double[] rebuild = new double[rounds];
            double[] plain = new double[rounds];
            long records = 0;
            for (int round = 0; round < rounds; round++) {
                redis.flushAll();
                long began = System.nanoTime();
                await(() -> "1".equals(redis.get("role_cache:ready")) && roles(redis, places) >= members,
                        "the roles did not come back");
                rebuild[round] = (System.nanoTime() - began) / 1e9;
                long readBegan = System.nanoTime();
                records = readAll(bootstrap);
                plain[round] = (System.nanoTime() - readBegan) / 1e9;
                System.out.printf("   round %d: roles back in %.1f s; plain consumer read %,d records in %.1f s%n",
                        round + 1, rebuild[round], records, plain[round]);
            }
            return List.of(new Row("role cache rebuild after FLUSHALL: s until all roles are back",
                    String.format("%.1f s", Load.median(rebuild)),
                    String.format("plain consumer reading the 4 topics: %.1f s", Load.median(plain)),
                    Bench.ratio(Load.median(rebuild), Load.median(plain)), String.valueOf(rounds),
                    String.format("%,d memberships in 100 places; %,d records in the topics; marker checked every 5 s",
                            members, records)));
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, String failure) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure + " within 5 minutes");
            }
            Thread.sleep(100);
        }
    }

    private static long roles(JedisPooled redis, List<String> places) {
        List<Response<Long>> counts = new ArrayList<>();
        try (Pipeline pipeline = redis.pipelined()) {
            places.forEach(place -> counts.add(pipeline.hlen("place_roles:" + place)));
        }
        return counts.stream().mapToLong(Response::get).sum();
    }

    /** Reads the rebuild's topics from the beginning to their current end; returns the number of records. */
    private static long readAll(String bootstrap) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            TOPICS.forEach(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long read = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            return read;
        }
    }
}

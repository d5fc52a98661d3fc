package com.placebrain.devices.bench;

import com.placebrain.devices.bench.Bench.Row;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
 * Consumption rate of the running service for telemetry.status, telemetry.readings and
 * places.member.added: N records are produced up front (telemetry for real devices, round robin;
 * memberships of fresh users in 100 fresh places a round), then the time until the service's
 * consumer group (devices-service) has committed past all of them gives records/s. Baseline in the
 * same round: a plain kafka-clients consumer reading the same records without processing them.
 * The memberships stay in the compacted member topics (a role cache rebuild reads them too); their
 * Redis keys are removed after the figure.
 */
final class KafkaConsumptionLoad {

    private static final String MEMBER_ADDED = "places.member.added";

    private KafkaConsumptionLoad() {
    }

    static List<Row> figures(Bench bench) throws Exception {
        int records = bench.integer("kafka-records");
        int deviceCount = bench.integer("kafka-devices");
        int members = bench.integer("kafka-members");
        int rounds = bench.rounds();
        String jdbc = bench.text("jdbc");
        String bootstrap = bench.text("kafka");
        UUID place = UUID.randomUUID();
        List<UUID> devices = BenchDevices.create(jdbc, place, deviceCount, "x");
        List<Row> rows = new ArrayList<>();
        List<String> memberKeys = new ArrayList<>();
        try (JedisPooled redis = bench.redis()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                 KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                         new StringSerializer(), new StringSerializer())) {
                for (String topic : List.of("telemetry.status", "telemetry.readings", MEMBER_ADDED)) {
                    int count = topic.equals(MEMBER_ADDED) ? members : records;
                    double[] service = new double[rounds];
                    double[] baseline = new double[rounds];
                    int fewestKept = Integer.MAX_VALUE;
                    for (int round = 0; round < rounds; round++) {
                        Map<TopicPartition, Long> start = endOffsets(admin, topic);
                        List<String> places = new ArrayList<>();
                        for (int i = 0; i < 100; i++) {
                            places.add(UUID.randomUUID().toString());
                        }
                        long began = System.nanoTime();
                        long roundStartMicros = System.currentTimeMillis() * 1_000;
                        for (int i = 0; i < count; i++) {
                            if (topic.equals(MEMBER_ADDED)) {
                                String memberPlace = places.get(i % places.size());
                                String user = UUID.randomUUID().toString();
                                producer.send(new ProducerRecord<>(topic, memberPlace + ":" + user, "{\"place_id\":\""
                                        + memberPlace + "\",\"user_id\":\"" + user + "\",\"role\":\"viewer\"}"));
                                memberKeys.add("user_places:" + user);
                            } else {
                                UUID device = devices.get(i % devices.size());
                                producer.send(new ProducerRecord<>(topic, key(topic, place, device), value(topic, place, device, i)));
                            }
                        }
                        producer.flush();
                        if (topic.equals(MEMBER_ADDED)) {
                            places.forEach(p -> memberKeys.addAll(List.of("place_roles:" + p, "place_role_versions:" + p)));
                        }
                        Map<TopicPartition, Long> end = endOffsets(admin, topic);
                        awaitCommitted(admin, end, Duration.ofMinutes(5));
                        service[round] = count / ((System.nanoTime() - began) / 1e9);
                        baseline[round] = plainConsumerRate(bootstrap, start, end, count);
                        System.out.printf("   %s round %d: service %s records/s, plain consumer %s records/s%n",
                                topic, round + 1, Bench.number(service[round]), Bench.number(baseline[round]));
                        if (topic.equals("telemetry.readings")) {
                            int kept = devicesWithReadingsSince(redis, devices, roundStartMicros);
                            fewestKept = Math.min(fewestKept, kept);
                            System.out.printf("   readings of this round kept for %,d of %,d devices%n", kept, devices.size());
                        }
                    }
                    String parameters = topic.equals(MEMBER_ADDED)
                            ? String.format("%,d memberships a round (a new user each, 100 new places a round)", count)
                            : String.format("%,d records a round for %,d devices", count, deviceCount)
                            + (topic.equals("telemetry.readings")
                            ? String.format(" (the round's readings kept for at least %,d of them)", fewestKept) : "");
                    rows.add(new Row("Kafka " + topic + " consumption", cell(service),
                            "plain kafka-clients consumer: " + cell(baseline),
                            Bench.ratio(Load.median(service), Load.median(baseline)), String.valueOf(rounds),
                            parameters + ", produced up front; service: until devices-service committed past them"));
                }
                rows.add(statusLatency(bench, producer, place, devices));
            } finally {
                BenchDevices.deleteAll(jdbc, place, devices, redis);
                try (Pipeline pipeline = redis.pipelined()) {
                    memberKeys.forEach(pipeline::del);
                    devices.forEach(device -> pipeline.del("device_readings:" + device, "device_seen_throttle:" + device));
                }
            }
        }
        return rows;
    }

    /**
     * Low load: one status every 100 ms, each for another device; the time from the send to the
     * status applied (status_reported_at set to the record's time, the database polled in a tight
     * loop). Baseline: the time from the send to a plain consumer receiving the same record.
     */
    private static Row statusLatency(Bench bench, KafkaProducer<String, String> producer, UUID place, List<UUID> devices)
            throws Exception {
        int samples = Math.min(bench.integer("kafka-latency-samples"), devices.size());
        String topic = "telemetry.status";
        double[] service = new double[samples];
        double[] baseline = new double[samples];
        try (Connection db = DriverManager.getConnection(bench.text("jdbc"), "devices", "devices");
             PreparedStatement applied = db.prepareStatement("SELECT status_reported_at FROM devices WHERE id = ?");
             KafkaConsumer<String, String> plain = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.text("kafka"),
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = plain.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            plain.assign(partitions);
            plain.seekToEnd(partitions);
            partitions.forEach(plain::position);
            for (int i = 0; i < samples; i++) {
                UUID device = devices.get(i);
                long sentAt = System.currentTimeMillis();
                long began = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, null, sentAt, key(topic, place, device), value(topic, place, device, i)));
                producer.flush();
                boolean received = false;
                boolean done = false;
                long deadline = began + Duration.ofSeconds(10).toNanos();
                while (!(received && done)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("status " + (i + 1) + " not applied within 10 s");
                    }
                    if (!received) {
                        for (var record : plain.poll(Duration.ofMillis(1))) {
                            if (record.key().equals(key(topic, place, device))) {
                                baseline[i] = (System.nanoTime() - began) / 1e6;
                                received = true;
                            }
                        }
                    }
                    if (!done) {
                        applied.setObject(1, device);
                        try (ResultSet row = applied.executeQuery()) {
                            row.next();
                            var at = row.getObject(1, java.time.OffsetDateTime.class);
                            if (at != null && at.toInstant().toEpochMilli() == sentAt) {
                                service[i] = (System.nanoTime() - began) / 1e6;
                                done = true;
                            }
                        }
                    }
                }
                Thread.sleep(100);
            }
        }
        double[] sorted = service.clone();
        java.util.Arrays.sort(sorted);
        double p95 = sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
        System.out.printf("   %s latency at low load: median %.1f ms, p95 %.1f ms, max %.1f ms; plain consumer median %.1f ms%n",
                topic, Load.median(service), p95, sorted[sorted.length - 1], Load.median(baseline));
        return new Row("Kafka telemetry.status latency at low load (send to effect)",
                String.format("%.1f ms (p95 %.1f ms, max %.1f ms)", Load.median(service), p95, sorted[sorted.length - 1]),
                String.format("plain kafka-clients consumer, send to receipt: %.1f ms", Load.median(baseline)),
                Bench.ratio(Load.median(service), Load.median(baseline)), "1",
                String.format("%d statuses, one every 100 ms, each for another device; effect: status_reported_at in"
                        + " the database, polled in a tight loop", samples));
    }

    /** How many devices hold a reading taken since then: the service kept the records, not only read them. */
    private static int devicesWithReadingsSince(JedisPooled redis, List<UUID> devices, long sinceMicros) {
        List<Response<String>> stored = new ArrayList<>();
        try (Pipeline pipeline = redis.pipelined()) {
            devices.forEach(device -> stored.add(pipeline.hget("device_readings:" + device, "temp")));
        }
        return (int) stored.stream().map(Response::get)
                .filter(value -> value != null && Long.parseLong(value.split("\\|")[0]) >= sinceMicros).count();
    }

    /** The median, then each round's figure. */
    private static String cell(double[] rates) {
        StringBuilder cell = new StringBuilder(Bench.number(Load.median(rates)) + " records/s (");
        for (int i = 0; i < rates.length; i++) {
            cell.append(i == 0 ? "" : " / ").append(Bench.number(rates[i]));
        }
        return cell.append(')').toString();
    }

    private static String key(String topic, UUID place, UUID device) {
        return topic.equals("telemetry.status") ? "placebrain/" + place + "/devices/" + device + "/status" : device.toString();
    }

    private static String value(String topic, UUID place, UUID device, int i) {
        if (topic.equals("telemetry.status")) {
            return "{\"topic\":\"placebrain/" + place + "/devices/" + device + "/status\",\"payload\":{\"status\":\""
                    + (i % 2 == 0 ? "online" : "offline") + "\"}}";
        }
        return "{\"place_id\":\"" + place + "\",\"device_id\":\"" + device + "\",\"payload\":{\"ts\":\""
                + Instant.now() + "\",\"values\":{\"temp\":" + (20 + i % 10) + ",\"hum\":" + (40 + i % 7) + "}}}";
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private static void awaitCommitted(Admin admin, Map<TopicPartition, Long> end, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("devices-service").partitionsToOffsetAndMetadata().get();
            boolean done = end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue());
            if (done) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the service did not consume everything within " + timeout);
    }

    private static double plainConsumerRate(String bootstrap, Map<TopicPartition, Long> start,
                                            Map<TopicPartition, Long> end, int records) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            long began = System.nanoTime();
            int read = 0;
            while (read < records) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            return read / ((System.nanoTime() - began) / 1e9);
        }
    }
}

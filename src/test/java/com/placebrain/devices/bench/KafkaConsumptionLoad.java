package com.placebrain.devices.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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

/**
 * Consumption rate of the running service for telemetry.status and telemetry.readings: N records
 * for real devices are produced up front, then the time until the service's consumer group
 * (devices-service) has committed past all of them gives messages/s. Baseline in the same run: a
 * plain kafka-clients consumer reading the same records without processing them.
 *
 *   java -cp <test classpath> com.placebrain.devices.bench.KafkaConsumptionLoad [records=20000] [rounds=3] [jdbcUrl]
 */
public final class KafkaConsumptionLoad {

    private static final String BOOTSTRAP = "127.0.0.1:9092";

    private KafkaConsumptionLoad() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String jdbc = args.length > 2 ? args[2] : "jdbc:postgresql://127.0.0.1:5432/devices_db";
        UUID place = UUID.randomUUID();
        List<UUID> devices = BenchDevices.create(jdbc, place, 50, "x");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP, ProducerConfig.LINGER_MS_CONFIG, 5),
                     new StringSerializer(), new StringSerializer())) {
            for (String topic : List.of("telemetry.status", "telemetry.readings")) {
                double[] service = new double[rounds];
                double[] baseline = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    Map<TopicPartition, Long> start = endOffsets(admin, topic);
                    long began = System.nanoTime();
                    for (int i = 0; i < records; i++) {
                        UUID device = devices.get(i % devices.size());
                        producer.send(new ProducerRecord<>(topic, key(topic, place, device), value(topic, place, device, i)));
                    }
                    producer.flush();
                    Map<TopicPartition, Long> end = endOffsets(admin, topic);
                    awaitCommitted(admin, end, Duration.ofMinutes(5));
                    service[round] = records / ((System.nanoTime() - began) / 1e9);
                    baseline[round] = plainConsumerRate(start, end, records);
                    System.out.printf("%s round %d: service %.0f msg/s, plain consumer %.0f msg/s%n",
                            topic, round + 1, service[round], baseline[round]);
                }
                System.out.printf("%s: median service %.0f msg/s (produce + consume + commit of %d records),"
                                + " plain consumer baseline %.0f msg/s, ratio %.3f%n",
                        topic, median(service), records, median(baseline), median(service) / median(baseline));
            }
        } finally {
            BenchDevices.deleteAll(jdbc, place);
        }
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

    private static double plainConsumerRate(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end, int records) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
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

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

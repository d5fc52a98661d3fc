package com.placebrain.devices.it.events;

import static com.placebrain.devices.it.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.placebrain.devices.grpc.v1.DeviceStatus;
import com.placebrain.devices.grpc.v1.GenerateMqttCredentialsRequest;
import com.placebrain.devices.grpc.v1.GenerateMqttCredentialsResponse;
import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.GetLatestDeviceReadingsRequest;
import com.placebrain.devices.it.support.Await;
import com.placebrain.devices.it.support.Fixture;
import com.placebrain.devices.it.support.Ids;
import com.placebrain.devices.it.support.RoleFixture;
import com.placebrain.devices.it.support.ServiceClient;
import com.placebrain.devices.it.support.TestEnvironment;
import com.placebrain.devices.it.support.UserCredentialKeys;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import redis.clients.jedis.JedisPooled;

/**
 * What the event tests share beyond the support package: a Kafka producer that writes records the
 * way the places service and the EMQX bridge do, group-less consumers that read a topic from
 * offsets captured beforehand, users' MQTT credentials in Redis, and JSON comparison.
 */
final class EventsKit implements AutoCloseable {

    static final String BOOTSTRAP = System.getProperty("it.kafka.bootstrap", "127.0.0.1:9092");

    // Topics (CONTRACT §2)
    static final String MEMBER_ADDED = "places.member.added";
    static final String MEMBER_ROLE_CHANGED = "places.member.role-changed";
    static final String MEMBER_REMOVED = "places.member.removed";
    static final String PLACE_DELETED = "places.place.deleted";
    static final String TELEMETRY_STATUS = "telemetry.status";
    static final String TELEMETRY_READINGS = "telemetry.readings";
    static final String DEVICE_DELETED = "devices.device.deleted";
    static final String DEVICES_BULK_DELETED = "devices.device.bulk-deleted";
    static final String THRESHOLD_CREATED = "devices.threshold.created";
    static final String THRESHOLD_DELETED = "devices.threshold.deleted";
    static final String DLQ = "devices-service.dlq";

    final JedisPooled redis = TestEnvironment.redis();
    private final ServiceClient client;
    private final RoleFixture roles;
    private final Fixture fixture;
    private KafkaProducer<String, String> producer;

    EventsKit(ServiceClient client, RoleFixture roles, Fixture fixture) {
        this.client = client;
        this.roles = roles;
        this.fixture = fixture;
    }

    /** Drops the MQTT credentials of the users the role fixture made, then disconnects. */
    @Override
    public void close() {
        try {
            forgetCredentials(roles.users());
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        } finally {
            redis.close();
        }
    }

    /** Right after a deployment the service's consumers may still be joining their group. */
    void awaitConsumersJoined() {
        String place = roles.newPlace();
        String user = roles.newUser();
        send(MEMBER_ADDED, memberKey(place, user), member(place, user, "viewer"));
        await("warm-up: the service consumes places.member.added", Duration.ofSeconds(90),
                () -> roles.roleOf(place, user), "viewer"::equals);
        // A new group starts the telemetry channels at the latest offset: what is sent before they
        // have their partitions is never read. Send until one record of each is seen applied.
        RoleFixture.OwnedPlace owned = roles.newOwnedPlace();
        String device = fixture.device(owned.owner(), owned.place(), "Warm-up device");
        String topic = statusTopic(owned.place(), device);
        String online = Json.createObjectBuilder().add("topic", topic)
                .add("payload", Json.createObjectBuilder().add("status", "online")).build().toString();
        GetDeviceRequest get = GetDeviceRequest.newBuilder()
                .setUserId(owned.owner()).setPlaceId(owned.place()).setDeviceId(device).build();
        await("warm-up: the service consumes telemetry.status", Duration.ofSeconds(90), () -> {
            send(TELEMETRY_STATUS, topic, online);
            return client.rpc().getDevice(get).getDevice().getStatus();
        }, DeviceStatus.DEVICE_STATUS_ONLINE::equals);
        String reading = Json.createObjectBuilder().add("place_id", owned.place()).add("device_id", device)
                .add("payload", Json.createObjectBuilder().add("values", Json.createObjectBuilder().add("warm", 1)))
                .build().toString();
        GetLatestDeviceReadingsRequest latest = GetLatestDeviceReadingsRequest.newBuilder()
                .setUserId(owned.owner()).setPlaceId(owned.place()).setDeviceId(device).build();
        await("warm-up: the service consumes telemetry.readings", Duration.ofSeconds(90), () -> {
            send(TELEMETRY_READINGS, device, reading);
            return client.rpc().getLatestDeviceReadings(latest).getReadingsCount();
        }, count -> count > 0);
    }

    /** Logs the user in through the EMQX authentication hook with fresh credentials, as EMQX would. */
    void mqttLogin(String userId, String clientId) throws IOException, InterruptedException {
        GenerateMqttCredentialsResponse credentials = client.rpc().generateMqttCredentials(
                GenerateMqttCredentialsRequest.newBuilder().setUserId(userId).build());
        String body = Json.createObjectBuilder().add("username", credentials.getUsername())
                .add("password", credentials.getPassword()).add("clientid", clientId).build().toString();
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + TestEnvironment.HTTP_PORT + "/mqtt/auth"))
                .header("Content-Type", "application/json")
                .header("X-Devices-Hook-Secret", System.getProperty("it.hook.secret", "it-hook-secret-5f1c"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("allow", json(answer.body()).getString("result"), "MQTT login of " + credentials.getUsername());
    }

    /** A credential set of the user as UserCredentialStore keeps it: hash sha256(password) → expiry, TTL 24 h. */
    void storeCredentials(String userId) {
        long expiresAt = System.currentTimeMillis() / 1000 + 86_400;
        redis.hset(UserCredentialKeys.ours(userId), "0".repeat(64), Long.toString(expiresAt));
        redis.expire(UserCredentialKeys.ours(userId), 86_400);
    }

    boolean hasCredentials(String userId) {
        return redis.exists(UserCredentialKeys.ours(userId));
    }

    /** Credentials as the Python service left them (CONTRACT §4), for a rollback-and-back scenario. */
    void storePythonCredentials(String userId) {
        redis.hset(UserCredentialKeys.python(userId), Map.of("username", "user:" + userId, "password", "p",
                "password_hash", "$2b$04$" + "a".repeat(53), "allowed_place_ids", "[]",
                "expires_at", Long.toString(System.currentTimeMillis() / 1000 + 86_400)));
        redis.expire(UserCredentialKeys.python(userId), 86_400);
    }

    boolean hasPythonCredentials(String userId) {
        return redis.exists(UserCredentialKeys.python(userId));
    }

    /** Best effort: drops the MQTT credentials of these users, ours and the Python service's. */
    void forgetCredentials(Collection<String> users) {
        try {
            for (String user : users) {
                redis.del(UserCredentialKeys.ours(user), UserCredentialKeys.python(user));
            }
        } catch (RuntimeException ignored) {
            // cleanup only
        }
    }

    // ------------------------------------------------------------ Kafka: producing

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "events-it-producer");
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** Sends and waits for the broker's acknowledgement; the key picks the partition as usual. */
    RecordMetadata send(String topic, String key, String value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    /** With an explicit record timestamp (CreateTime), partition chosen by the key. */
    RecordMetadata send(String topic, long timestamp, String key, String value) {
        return send(new ProducerRecord<>(topic, null, timestamp, key, value));
    }

    RecordMetadata send(ProducerRecord<String, String> record) {
        try {
            return producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce to " + record.topic() + " key " + record.key(), e);
        }
    }

    /** Sends all at once (the producer batches them, the service reads them in few polls); waits for every acknowledgement. */
    List<RecordMetadata> sendAll(List<ProducerRecord<String, String>> records) {
        List<java.util.concurrent.Future<RecordMetadata>> sent = records.stream().map(producer()::send).toList();
        List<RecordMetadata> done = new ArrayList<>(sent.size());
        try {
            for (java.util.concurrent.Future<RecordMetadata> future : sent) {
                done.add(future.get(30, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            throw new AssertionError("could not produce " + records.size() + " records", e);
        }
        return done;
    }

    int partitions(String topic) {
        return producer().partitionsFor(topic).size();
    }

    /** The partition the default partitioner picks for a key (murmur2, as every Kafka client does). */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * A fresh id whose record key (built by {@code keyOf}) lands on {@code partition} of the topic:
     * a record with that key is consumed after every earlier record of that partition.
     */
    String idOnPartition(String topic, int partition, java.util.function.Function<String, String> keyOf) {
        int count = partitions(topic);
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.newId();
            if (partitionOf(keyOf.apply(id), count) == partition) {
                return id;
            }
        }
        throw new AssertionError("no id found for partition " + partition + " of " + topic);
    }

    static String memberKey(String placeId, String userId) {
        return placeId + ":" + userId;
    }

    static String member(String placeId, String userId, String role) {
        return Json.createObjectBuilder().add("place_id", placeId).add("user_id", userId).add("role", role)
                .build().toString();
    }

    static String removal(String placeId, String userId) {
        return Json.createObjectBuilder().add("place_id", placeId).add("user_id", userId).build().toString();
    }

    static String placeDeletion(String placeId, String... memberIds) {
        var members = Json.createArrayBuilder();
        for (String id : memberIds) {
            members.add(id);
        }
        return Json.createObjectBuilder().add("place_id", placeId).add("member_ids", members).build().toString();
    }

    static String statusTopic(String placeId, String deviceId) {
        return "placebrain/" + placeId + "/devices/" + deviceId + "/status";
    }

    /**
     * A member.added of a fresh user of the place on the same partition as {@code after}, then waits
     * until its role shows: every record produced before it on that partition has then been consumed.
     * Returns the marker user's id.
     */
    String awaitAddedConsumed(RecordMetadata after, String placeId) {
        assertEquals(MEMBER_ADDED, after.topic(), "markers are member.added records");
        String marker = idOnPartition(MEMBER_ADDED, after.partition(), user -> memberKey(placeId, user));
        RecordMetadata sent = send(MEMBER_ADDED, memberKey(placeId, marker), member(placeId, marker, "viewer"));
        assertEquals(after.partition(), sent.partition(), "marker record landed on another partition");
        await("marker member.added (" + MEMBER_ADDED + "/" + sent.partition() + "@" + sent.offset() + ") applied",
                () -> roles.roleOf(placeId, marker), "viewer"::equals);
        return marker;
    }

    // ------------------------------------------------------------ Kafka: consuming

    private static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "events-it-tail-" + Ids.newId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** The current end offset of every partition of the topics. */
    static Map<TopicPartition, Long> endOffsets(String... topics) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(15))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            return new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(15)));
        }
    }

    /** Reads the topics from their end offsets as of now: only what is produced from here on. */
    static Tail tail(String... topics) {
        return new Tail(endOffsets(topics));
    }

    /** A group-less consumer of every partition of some topics, from given offsets; keeps all it read. */
    static final class Tail implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer = consumer();
        private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

        Tail(Map<TopicPartition, Long> from) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
        }

        /** Everything read so far, in the order read (per partition: offset order). */
        List<ConsumerRecord<String, String>> seen() {
            return List.copyOf(seen);
        }

        List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> match) {
            return seen.stream().filter(match).toList();
        }

        void pollOnce() {
            consumer.poll(Await.EVERY).forEach(seen::add);
        }

        /** Polls until at least {@code count} records match; returns the matching ones. */
        List<ConsumerRecord<String, String>> await(String what, Predicate<ConsumerRecord<String, String>> match,
                                                   int count, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<ConsumerRecord<String, String>> found = matching(match);
            while (found.size() < count && System.nanoTime() < deadline) {
                pollOnce();
                found = matching(match);
            }
            if (found.size() < count) {
                fail(what + ": expected at least " + count + " records within " + timeout + " but got " + found.size()
                        + ": " + describe(found));
            }
            return found;
        }

        ConsumerRecord<String, String> awaitOne(String what, Predicate<ConsumerRecord<String, String>> match) {
            return await(what, match, 1, Await.WAIT).get(0);
        }

        /** Keeps reading for a while (to let late or extra records show). */
        void pollFor(Duration duration) {
            long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline) {
                pollOnce();
            }
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Reads {@code threshold.created} from the given offsets until an event of every threshold
     * made is there (and a little longer, for late copies), then asserts each went out exactly
     * once, in creation order per sensor (the record key).
     */
    static void assertPublishedOnceInOrderPerSensor(Map<TopicPartition, Long> from,
                                                    Map<String, List<String>> createdPerSensor, Duration timeout) {
        Set<String> expectedIds = createdPerSensor.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        try (Tail tail = new Tail(from)) {
            Predicate<ConsumerRecord<String, String>> ours = r -> createdPerSensor.containsKey(r.key());
            tail.await("threshold.created events of the " + expectedIds.size() + " thresholds made", ours,
                    expectedIds.size(), timeout);
            tail.pollFor(Duration.ofSeconds(3));

            Map<String, List<String>> arrivedPerSensor = new HashMap<>();
            Map<String, Integer> copies = new TreeMap<>();
            for (ConsumerRecord<String, String> record : tail.matching(ours)) {
                String id = json(record.value()).getString("threshold_id", "<no threshold_id: " + record.value() + ">");
                arrivedPerSensor.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(id);
                copies.merge(id, 1, Integer::sum);
            }
            Map<String, Integer> duplicates = copies.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
            assertEquals(Map.of(), duplicates, "threshold ids published more than once (id -> copies)");
            assertEquals(expectedIds, copies.keySet(), "threshold ids published vs. created");
            createdPerSensor.forEach((sensor, created) -> assertEquals(created,
                    arrivedPerSensor.getOrDefault(sensor, List.of()),
                    "threshold.created order for sensor " + sensor + " (creation order vs. arrival order)"));
        }
    }

    static Predicate<ConsumerRecord<String, String>> keyed(String key) {
        return r -> key.equals(r.key());
    }

    static Predicate<ConsumerRecord<String, String>> keyed(String topic, String key) {
        return r -> topic.equals(r.topic()) && key.equals(r.key());
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String describe(Collection<ConsumerRecord<String, String>> records) {
        return records.stream().map(EventsKit::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    static String describe(ConsumerRecord<String, String> r) {
        return r.topic() + "/" + r.partition() + "@" + r.offset() + " key=" + r.key() + " value=" + r.value();
    }

    // ------------------------------------------------------------ JSON

    static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("not a JSON object: " + text, e);
        }
    }

    /**
     * The record value is exactly {@code expected}: the same field names and the same values, numbers
     * compared by value (30.5 == 30.50), arrays in order unless sorted before.
     */
    static void assertSameJson(JsonObject expected, String actualText, String what) {
        JsonObject actual = json(actualText);
        List<String> problems = new ArrayList<>();
        compare("", expected, actual, problems);
        if (!problems.isEmpty()) {
            fail(what + ": value differs from " + expected + ": " + String.join("; ", problems) + " (actual " + actualText + ")");
        }
    }

    private static void compare(String path, JsonValue expected, JsonValue actual, List<String> problems) {
        if (expected instanceof JsonObject e && actual instanceof JsonObject a) {
            TreeSet<String> missing = new TreeSet<>(e.keySet());
            missing.removeAll(a.keySet());
            TreeSet<String> extra = new TreeSet<>(a.keySet());
            extra.removeAll(e.keySet());
            if (!missing.isEmpty()) {
                problems.add("missing fields " + missing.stream().map(k -> path + k).toList());
            }
            if (!extra.isEmpty()) {
                problems.add("unexpected fields " + extra.stream().map(k -> path + k).toList());
            }
            for (String key : e.keySet()) {
                if (a.containsKey(key)) {
                    compare(path + key + ".", e.get(key), a.get(key), problems);
                }
            }
        } else if (expected instanceof JsonArray e && actual instanceof JsonArray a) {
            if (e.size() != a.size()) {
                problems.add(path + " has " + a.size() + " elements, expected " + e.size());
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                compare(path + "[" + i + "].", e.get(i), a.get(i), problems);
            }
        } else if (expected instanceof JsonNumber e && actual instanceof JsonNumber a) {
            if (e.bigDecimalValue().compareTo(a.bigDecimalValue()) != 0) {
                problems.add(trim(path) + " is " + a + ", expected " + e);
            }
        } else if (!Objects.equals(expected, actual)) {
            problems.add(trim(path) + " is " + actual + " (" + actual.getValueType() + "), expected " + expected
                    + " (" + expected.getValueType() + ")");
        }
    }

    private static String trim(String path) {
        return path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
    }
}

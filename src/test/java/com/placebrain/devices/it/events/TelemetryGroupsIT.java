package com.placebrain.devices.it.events;

import static com.placebrain.devices.it.events.EventsKit.DLQ;
import static com.placebrain.devices.it.events.EventsKit.TELEMETRY_READINGS;
import static com.placebrain.devices.it.events.EventsKit.TELEMETRY_STATUS;
import static com.placebrain.devices.it.events.EventsKit.describe;
import static com.placebrain.devices.it.events.EventsKit.statusTopic;
import static com.placebrain.devices.it.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.RoleFixture;
import com.placebrain.devices.it.support.TestEnvironment;
import jakarta.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * telemetry.status and telemetry.readings taken in groups (issue 12): a burst of records, many to
 * a group, leaves what taking them one by one would; and a group that meets PostgreSQL going away
 * in the middle of its transaction is applied once, whole, after PostgreSQL is back, its records'
 * offsets committed only then.
 */
class TelemetryGroupsIT extends EventsScenario {

    private static final String GROUP = "devices-service";

    @BeforeAll
    static void awaitConsumers() {
        kit.awaitConsumersJoined();
    }

    @AfterAll
    static void stackBackUp() throws Exception {
        TestEnvironment.stackUp();
    }

    /** A device's status columns as the one-by-one rule leaves them. */
    private record StatusState(String status, OffsetDateTime reportedAt, OffsetDateTime lastSeen) {

        /** Device.reportStatus: applied unless older than the last applied; ONLINE marks the device seen. */
        StatusState report(String newStatus, OffsetDateTime at) {
            if (reportedAt != null && at.isBefore(reportedAt)) {
                return this;
            }
            OffsetDateTime seen = newStatus.equals("ONLINE") && (lastSeen == null || at.isAfter(lastSeen)) ? at : lastSeen;
            return new StatusState(newStatus, at, seen);
        }
    }

    @Test
    void aBurstOfStatusesAndReadingsLeavesWhatTakingThemOneByOneWould() throws Exception {
        RoleFixture.OwnedPlace owned = roles.newOwnedPlace();
        String otherPlace = UUID.randomUUID().toString();
        // Statuses and readings for devices of their own: a first reading marks its device seen too.
        List<String> devices = new ArrayList<>();
        List<String> readingDevices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            devices.add(fixture.device(owned.owner(), owned.place(), "Burst status device " + i));
            readingDevices.add(fixture.device(owned.owner(), owned.place(), "Burst reading device " + i));
        }
        Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        Random random = new Random(7);
        List<ProducerRecord<String, String>> statuses = new ArrayList<>();
        List<ProducerRecord<String, String>> readings = new ArrayList<>();
        Map<String, StatusState> expectedStatus = new HashMap<>();
        Map<String, Map<String, String>> expectedReadings = new HashMap<>();
        for (int d = 0; d < devices.size(); d++) {
            String device = devices.get(d);
            String readingDevice = readingDevices.get(d);
            String topic = statusTopic(owned.place(), device);
            List<Integer> seconds = new ArrayList<>();
            for (int s = 0; s < 12; s++) {
                seconds.add(s);
            }
            Collections.shuffle(seconds, random);
            StatusState state = new StatusState("OFFLINE", null, null);
            Map<String, Long> newestOfKey = new HashMap<>();
            Map<String, String> kept = new TreeMap<>();
            for (int second : seconds) {
                Instant at = base.plusSeconds(second);
                String status = random.nextBoolean() ? "online" : "offline";
                statuses.add(new ProducerRecord<>(TELEMETRY_STATUS, null, at.toEpochMilli(), topic, Json.createObjectBuilder()
                        .add("topic", topic).add("payload", Json.createObjectBuilder().add("status", status))
                        .build().toString()));
                state = state.report(status.toUpperCase(), at.atOffset(ZoneOffset.UTC));
                String key = random.nextBoolean() ? "temp" : "hum";
                int value = random.nextInt(1000);
                readings.add(new ProducerRecord<>(TELEMETRY_READINGS, readingDevice,
                        reading(owned.place(), readingDevice, at, key, value)));
                if (newestOfKey.getOrDefault(key, Long.MIN_VALUE) < at.toEpochMilli()) {
                    newestOfKey.put(key, at.toEpochMilli());
                    kept.put(key, value + ".0@" + at.atOffset(ZoneOffset.UTC));
                }
            }
            // Newest of all, but naming a place that is not the device's: dropped.
            Instant newest = base.plusSeconds(60);
            String wrongTopic = statusTopic(otherPlace, device);
            statuses.add(new ProducerRecord<>(TELEMETRY_STATUS, null, newest.toEpochMilli(), topic, Json.createObjectBuilder()
                    .add("topic", wrongTopic).add("payload", Json.createObjectBuilder().add("status",
                            state.status().equals("ONLINE") ? "offline" : "online")).build().toString()));
            readings.add(new ProducerRecord<>(TELEMETRY_READINGS, readingDevice,
                    reading(otherPlace, readingDevice, newest, "temp", -1)));
            expectedStatus.put(device, state);
            expectedReadings.put(readingDevice, kept);
        }
        kit.sendAll(statuses);
        kit.sendAll(readings);

        for (String device : devices) {
            StatusState expected = expectedStatus.get(device);
            await("status columns of " + device + " as one by one", () -> statusState(device), expected::equals);
        }
        for (String device : readingDevices) {
            Map<String, String> expectedKept = expectedReadings.get(device);
            await("readings of " + device + " as one by one", () -> storedReadings(device), expectedKept::equals);
        }
    }

    @Test
    void postgresStoppedInTheMiddleOfAGroupThenStartedAppliesEveryStatusOnceAndCommitsOnlyAfter() throws Exception {
        RoleFixture.OwnedPlace owned = roles.newOwnedPlace();
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            devices.add(fixture.device(owned.owner(), owned.place(), "Outage device " + i));
        }
        // The group locks its devices' rows in id order: held on the last, it waits with the others locked.
        String last = Database.single("SELECT id FROM devices WHERE id = ANY (?::uuid[]) ORDER BY id DESC LIMIT 1", devices);
        Instant base = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        // The last device's statuses go first: the group holding them waits on the lock, and every
        // later record of the channel waits behind that group.
        List<ProducerRecord<String, String>> first = new ArrayList<>();
        List<ProducerRecord<String, String>> rest = new ArrayList<>();
        for (String device : devices) {
            String topic = statusTopic(owned.place(), device);
            for (int step = 0; step < 3; step++) {
                (device.equals(last) ? first : rest).add(new ProducerRecord<>(TELEMETRY_STATUS, null,
                        base.plusSeconds(step).toEpochMilli(), topic, Json.createObjectBuilder().add("topic", topic)
                                .add("payload", Json.createObjectBuilder().add("status", step == 1 ? "offline" : "online"))
                                .build().toString()));
            }
        }
        OffsetDateTime newest = base.plusSeconds(2).atOffset(ZoneOffset.UTC);
        StatusState expected = new StatusState("ONLINE", newest, newest);

        Connection holder = Database.connect();
        List<RecordMetadata> sent;
        try (EventsKit.Tail dlq = EventsKit.tail(DLQ); Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EventsKit.BOOTSTRAP))) {
            try {
                holder.setAutoCommit(false);
                try (PreparedStatement lock = holder.prepareStatement("SELECT id FROM devices WHERE id = ?::uuid FOR UPDATE")) {
                    lock.setString(1, last);
                    lock.executeQuery().close();
                }
                sent = new ArrayList<>(kit.sendAll(first));
                await("the service's group waits on the row lock, its transaction open", Duration.ofSeconds(30),
                        TelemetryGroupsIT::servicesWaitingOnALock, n -> n > 0);
                sent.addAll(kit.sendAll(rest));
                Thread.sleep(1_000);
                assertNothingApplied(devices, "while the group waits");
                assertNotCommittedPast(admin, sent, "while the group waits");
                TestEnvironment.stopPostgres();
            } finally {
                try {
                    holder.close();
                } catch (SQLException gone) {
                    // ended with PostgreSQL
                }
            }
            try {
                Thread.sleep(3_000);
                assertNotCommittedPast(admin, sent, "while PostgreSQL is stopped");
            } finally {
                TestEnvironment.stackUp();
            }
            for (String device : devices) {
                await("the statuses of " + device + " applied after PostgreSQL is back", Duration.ofSeconds(60),
                        () -> statusState(device), expected::equals);
            }
            await("offsets committed past the group once it is applied", Duration.ofSeconds(30),
                    () -> committedPast(admin, sent), Boolean::booleanValue);
            dlq.pollFor(Duration.ofSeconds(1));
            List<ConsumerRecord<String, String>> dead = dlq.matching(r -> r.value() != null && r.value().contains(owned.place()));
            assertTrue(dead.isEmpty(), "an outage sends nothing to the DLQ: " + describe(dead));
        }
    }

    private static String reading(String place, String device, Instant at, String key, int value) {
        return Json.createObjectBuilder().add("place_id", place).add("device_id", device)
                .add("payload", Json.createObjectBuilder().add("ts", at.toString())
                        .add("values", Json.createObjectBuilder().add(key, value))).build().toString();
    }

    private static StatusState statusState(String device) throws SQLException {
        try (Connection db = Database.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT status::text, status_reported_at, last_seen_at FROM devices WHERE id = ?::uuid")) {
            query.setString(1, device);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new StatusState(row.getString(1), utc(row.getObject(2, OffsetDateTime.class)),
                        utc(row.getObject(3, OffsetDateTime.class)));
            }
        }
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** key → "value@time" as the hash keeps them. */
    private static Map<String, String> storedReadings(String device) {
        Map<String, String> kept = new TreeMap<>();
        kit.redis.hgetAll("device_readings:" + device).forEach((key, stored) -> {
            String[] parts = stored.split("\\|", 3);
            kept.put(key, parts[1] + "@" + OffsetDateTime.parse(parts[2]).withOffsetSameInstant(ZoneOffset.UTC));
        });
        return kept;
    }

    private static long servicesWaitingOnALock() throws SQLException {
        return Database.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'devices-service' AND wait_event_type = 'Lock'");
    }

    private static void assertNothingApplied(List<String> devices, String when) throws SQLException {
        assertEquals(0, Database.count("SELECT count(*) FROM devices WHERE id = ANY (?::uuid[])"
                + " AND status_reported_at IS NOT NULL", devices), "statuses applied " + when);
    }

    private static void assertNotCommittedPast(Admin admin, List<RecordMetadata> sent, String when) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(admin);
        firstOffsets(sent).forEach((partition, first) -> {
            OffsetAndMetadata offset = committed.get(partition);
            assertTrue(offset == null || offset.offset() <= first,
                    "offset of " + partition + " committed to " + offset + " past the group's first record " + first + " " + when);
        });
    }

    private static boolean committedPast(Admin admin, List<RecordMetadata> sent) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(admin);
        Map<TopicPartition, Long> lastOffsets = new HashMap<>();
        sent.forEach(m -> lastOffsets.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::max));
        return lastOffsets.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                && committed.get(e.getKey()).offset() > e.getValue());
    }

    private static Map<TopicPartition, Long> firstOffsets(List<RecordMetadata> sent) {
        Map<TopicPartition, Long> first = new HashMap<>();
        sent.forEach(m -> first.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::min));
        return first;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
    }
}

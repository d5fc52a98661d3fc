package com.placebrain.devices.it.events;

import static com.placebrain.devices.it.events.EventsKit.DEVICES_BULK_DELETED;
import static com.placebrain.devices.it.events.EventsKit.DLQ;
import static com.placebrain.devices.it.events.EventsKit.MEMBER_ADDED;
import static com.placebrain.devices.it.events.EventsKit.MEMBER_REMOVED;
import static com.placebrain.devices.it.events.EventsKit.MEMBER_ROLE_CHANGED;
import static com.placebrain.devices.it.events.EventsKit.PLACE_DELETED;
import static com.placebrain.devices.it.events.EventsKit.TELEMETRY_READINGS;
import static com.placebrain.devices.it.events.EventsKit.TELEMETRY_STATUS;
import static com.placebrain.devices.it.events.EventsKit.describe;
import static com.placebrain.devices.it.events.EventsKit.header;
import static com.placebrain.devices.it.events.EventsKit.json;
import static com.placebrain.devices.it.events.EventsKit.keyed;
import static com.placebrain.devices.it.events.EventsKit.member;
import static com.placebrain.devices.it.events.EventsKit.memberKey;
import static com.placebrain.devices.it.events.EventsKit.partitionOf;
import static com.placebrain.devices.it.events.EventsKit.placeDeletion;
import static com.placebrain.devices.it.events.EventsKit.removal;
import static com.placebrain.devices.it.events.EventsKit.statusTopic;
import static com.placebrain.devices.it.support.Await.await;
import static com.placebrain.devices.it.support.GrpcStatus.assertCode;
import static com.placebrain.devices.it.support.GrpcStatus.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.DeleteDeviceRequest;
import com.placebrain.devices.grpc.v1.DeleteDevicesByPlaceRequest;
import com.placebrain.devices.grpc.v1.DeviceInfo;
import com.placebrain.devices.grpc.v1.DeviceReading;
import com.placebrain.devices.grpc.v1.DeviceStatus;
import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.GetLatestDeviceReadingsRequest;
import com.placebrain.devices.grpc.v1.ListDevicesRequest;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.it.support.Await;
import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.EmqxApiRecorder;
import com.placebrain.devices.it.support.Ids;
import com.placebrain.devices.it.support.TestEnvironment;
import io.grpc.Status;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The events the service consumes (CONTRACT §2), produced as the places service and the EMQX
 * bridge produce them: member and place events keep the role cache (CONTRACT §4) and the devices
 * in step, telemetry sets status and latest readings, and records that can never be processed go
 * to the DLQ without stalling their partition. Every test uses fresh random ids.
 */
class InboundEventsIT extends EventsScenario {

    @BeforeAll
    static void awaitConsumers() {
        kit.awaitConsumersJoined();
    }

    @AfterEach
    void forgetKeys() {
        kit.forgetCredentials(roles.users());
        roles.cleanUp();
    }

    private static String place() {
        return roles.newPlace();
    }

    private static String user() {
        return roles.newUser();
    }

    /** A fresh user who owns the place, put into the cache directly. */
    private static String owner(String placeId) {
        return roles.newOwner(placeId);
    }

    private static ListDevicesRequest list(String userId, String placeId) {
        return ListDevicesRequest.newBuilder().setUserId(userId).setPlaceId(placeId).build();
    }

    private static DeviceInfo getDevice(String userId, String placeId, String deviceId) {
        return client.rpc().getDevice(GetDeviceRequest.newBuilder()
                .setUserId(userId).setPlaceId(placeId).setDeviceId(deviceId).build()).getDevice();
    }

    // ------------------------------------------------------------ 1-4: member events

    @Test
    void memberAddedGrantsTheRole() {
        String place = place();
        String user = user();
        assertCode(Status.Code.PERMISSION_DENIED, () -> client.rpc().listDevices(list(user, place)),
                "ListDevices of a user without role, before member.added");

        kit.send(MEMBER_ADDED, memberKey(place, user), member(place, user, "admin"));

        await("HGET place_roles:" + place + " " + user + " == admin after member.added",
                () -> roles.roleOf(place, user), "admin"::equals);
        assertTrue(roles.placeListed(user, place), "SISMEMBER user_places:" + user + " " + place + " after member.added");
        assertEquals(0, client.rpc().listDevices(list(user, place)).getTotal(),
                "ListDevices answers (no longer PERMISSION_DENIED) after member.added");
    }

    /** A session's acl is fixed at login: joining a place, or leaving it, disconnects the user's sessions. */
    @Test
    void joiningOrLeavingAPlaceEndsTheUsersBrokerSessions() throws Exception {
        String place = place();
        String user = user();
        String otherPlace = place();
        kit.send(MEMBER_ADDED, memberKey(otherPlace, user), member(otherPlace, user, "viewer"));
        await("the user's first place", () -> roles.roleOf(otherPlace, user), "viewer"::equals);
        try (EmqxApiRecorder emqx = new EmqxApiRecorder()) {
            String tab = "web-" + Ids.newId();
            kit.mqttLogin(user, tab);
            kit.send(MEMBER_ADDED, memberKey(place, user), member(place, user, "viewer"));
            emqx.awaitKick(tab, Duration.ofSeconds(20));

            String again = "web-" + Ids.newId();
            kit.mqttLogin(user, again);
            kit.send(MEMBER_REMOVED, memberKey(place, user), removal(place, user));
            emqx.awaitKick(again, Duration.ofSeconds(20));
        }
    }

    @Test
    void roleChangedFromViewerToAdminAllowsWrites() {
        String place = place();
        String user = user();
        kit.send(MEMBER_ADDED, memberKey(place, user), member(place, user, "viewer"));
        await("role viewer after member.added", () -> roles.roleOf(place, user), "viewer"::equals);
        assertCode(Status.Code.PERMISSION_DENIED, () -> fixture.device(user, place, "As viewer"),
                "CreateDevice by a viewer");

        kit.send(MEMBER_ROLE_CHANGED, memberKey(place, user), member(place, user, "admin"));

        await("role admin after member.role-changed", () -> roles.roleOf(place, user), "admin"::equals);
        assertTrue(roles.placeListed(user, place), "user_places:" + user + " still holds " + place);
        String device = fixture.device(user, place, "As admin");
        assertEquals(1, client.rpc().listDevices(list(user, place)).getTotal(),
                "the admin's new device " + device + " is listed");
    }

    @Test
    void memberRemovedDropsTheRoleAndTheUsersMqttCredentials() {
        String place = place();
        String user = user();
        String bystander = user();
        kit.send(MEMBER_ADDED, memberKey(place, user), member(place, user, "admin"));
        await("role admin after member.added", () -> roles.roleOf(place, user), "admin"::equals);
        kit.storeCredentials(user);
        kit.storeCredentials(bystander);
        kit.storePythonCredentials(user);
        kit.storePythonCredentials(bystander);
        assertTrue(kit.hasCredentials(user), "credentials stored before the removal");

        kit.send(MEMBER_REMOVED, memberKey(place, user), removal(place, user));

        await("HGET place_roles:" + place + " " + user + " gone after member.removed",
                () -> roles.roleOf(place, user), java.util.Objects::isNull);
        assertFalse(roles.placeListed(user, place), "user_places:" + user + " no longer holds " + place);
        await("mqtt:user:credentials:" + user + " deleted after member.removed", () -> kit.hasCredentials(user), h -> !h);
        assertFalse(kit.hasPythonCredentials(user), "the Python service's mqtt:cred:user key is deleted with ours");
        assertTrue(kit.hasCredentials(bystander), "another user's credentials are left alone");
        assertTrue(kit.hasPythonCredentials(bystander), "another user's mqtt:cred:user key is left alone");
        assertCode(Status.Code.PERMISSION_DENIED, () -> client.rpc().listDevices(list(user, place)),
                "ListDevices after member.removed");
    }

    @Test
    void removedDeliveredBeforeAnOlderAddedConvergesToRemoved() {
        String place = place();
        String user = user();
        String key = memberKey(place, user);
        long newer = System.currentTimeMillis();
        kit.storeCredentials(user);

        kit.send(MEMBER_REMOVED, newer, key, removal(place, user));
        // The removal's visible effect: the user's credentials go.
        await("member.removed consumed (mqtt:user:credentials:" + user + " deleted)", () -> kit.hasCredentials(user), h -> !h);

        RecordMetadata staleAdded = kit.send(MEMBER_ADDED, newer - 60_000, key, member(place, user, "owner"));
        kit.awaitAddedConsumed(staleAdded, place);

        assertNull(roles.roleOf(place, user),
                "a member.added 60 s older than the member.removed already applied must not bring the role back");
        assertFalse(roles.placeListed(user, place), "user_places:" + user + " must not hold " + place);
        assertCode(Status.Code.PERMISSION_DENIED, () -> client.rpc().listDevices(list(user, place)),
                "ListDevices after a stale member.added");
    }

    @Test
    void removedOlderThanTheAddedAlreadyAppliedKeepsTheRole() {
        String place = place();
        String user = user();
        String key = memberKey(place, user);
        long newer = System.currentTimeMillis();
        kit.send(MEMBER_ADDED, newer, key, member(place, user, "admin"));
        await("role admin after member.added", () -> roles.roleOf(place, user), "admin"::equals);
        kit.storeCredentials(user);

        kit.send(MEMBER_REMOVED, newer - 60_000, key, removal(place, user));
        // Credentials are invalidated for any removal (harmless), which shows it was consumed.
        await("stale member.removed consumed (mqtt:user:credentials:" + user + " deleted)",
                () -> kit.hasCredentials(user), h -> !h);

        assertEquals("admin", roles.roleOf(place, user), "a member.removed older than the role must not drop it");
        assertTrue(roles.placeListed(user, place), "user_places:" + user + " still holds " + place);
    }

    // ------------------------------------------------------------ 5: duplicates

    @Test
    void theSameMemberAddedTwiceGivesTheSameState() {
        String place = place();
        String user = user();
        ProducerRecord<String, String> added = new ProducerRecord<>(MEMBER_ADDED, null, System.currentTimeMillis(),
                memberKey(place, user), member(place, user, "admin"));
        RecordMetadata first = kit.send(added);
        RecordMetadata second = kit.send(added);
        assertEquals(first.partition(), second.partition(), "a key always lands on one partition");

        String marker = kit.awaitAddedConsumed(second, place);

        assertEquals(Map.of(user, "admin", marker, "viewer"), roles.rolesIn(place),
                "place_roles:" + place + " after the same member.added twice (and a marker member)");
        assertEquals(Set.of(place), roles.placesOf(user), "user_places:" + user);
        assertEquals(0, client.rpc().listDevices(list(user, place)).getTotal(), "the admin can read the place");
    }

    @Test
    void theSamePlaceDeletedTwiceDeletesOnceAndPublishesOneBulkEvent() throws SQLException {
        String place = place();
        String owner = owner(place);
        String device = fixture.device(owner, place, "Doomed");
        int partitions = kit.partitions(PLACE_DELETED);
        int partition = partitionOf(place, partitions);
        // A second place whose deletion is consumed after both copies (same partition of place.deleted).
        String laterPlace = kit.idOnPartition(PLACE_DELETED, partition, id -> id);
        roles.trackPlace(laterPlace);
        String laterOwner = owner(laterPlace);
        String laterDevice = fixture.device(laterOwner, laterPlace, "Doomed later");

        try (EventsKit.Tail bulk = EventsKit.tail(DEVICES_BULK_DELETED); EventsKit.Tail dlq = EventsKit.tail(DLQ)) {
            ProducerRecord<String, String> deleted = new ProducerRecord<>(PLACE_DELETED, null,
                    System.currentTimeMillis(), place, placeDeletion(place, owner));
            kit.send(deleted);
            kit.send(deleted);
            kit.send(PLACE_DELETED, laterPlace, placeDeletion(laterPlace, laterOwner));

            bulk.await("devices.device.bulk-deleted of the later place (consumed after both copies)",
                    keyed(laterPlace), 1, Await.WAIT);
            bulk.pollFor(Duration.ofSeconds(3));

            List<ConsumerRecord<String, String>> ofPlace = bulk.matching(keyed(place));
            assertEquals(1, ofPlace.size(), "bulk-deleted records keyed by the place deleted twice: " + describe(ofPlace));
            assertDeviceIds(ofPlace.get(0), Set.of(device));
            assertDeviceIds(bulk.matching(keyed(laterPlace)).get(0), Set.of(laterDevice));
            assertEquals(0, devicesOfPlace(place), "devices of the deleted place");
            List<ConsumerRecord<String, String>> errors = dlq.matching(r -> place.equals(r.key()));
            assertTrue(errors.isEmpty(), "a repeated place.deleted is no error, yet the DLQ got " + describe(errors));
        }
    }

    // ------------------------------------------------------------ 6: place deleted

    @Test
    void placeDeletedDropsRolesDevicesCredentialsAndPublishesBulkDeleted() throws SQLException {
        String place = place();
        String owner = owner(place);
        String viewer = user();
        roles.grant(place, viewer, "viewer");
        String otherPlace = place();
        String bystander = owner(otherPlace);
        List<String> devices = new ArrayList<>();
        List<String> sensors = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String device = fixture.device(owner, place, "Device " + i);
            String sensor = fixture.numberSensor(owner, place, device, "temp");
            fixture.setThreshold(owner, place, device, sensor, ThresholdType.THRESHOLD_TYPE_MAX, 30.0,
                    ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL);
            devices.add(device);
            sensors.add(sensor);
        }
        kit.storeCredentials(owner);
        kit.storeCredentials(viewer);
        kit.storeCredentials(bystander);
        assertEquals(2, devicesOfPlace(place), "devices created before the event");

        try (EventsKit.Tail bulk = EventsKit.tail(DEVICES_BULK_DELETED)) {
            kit.send(PLACE_DELETED, place, placeDeletion(place, owner, viewer));

            ConsumerRecord<String, String> event = bulk.awaitOne(
                    "devices.device.bulk-deleted keyed by the place", keyed(place));
            assertDeviceIds(event, Set.copyOf(devices));

            await("devices of the deleted place (JDBC count)", () -> devicesOfPlace(place), n -> n == 0);
            assertEquals(0, count("SELECT count(*) FROM sensors WHERE id = ANY (?)", sensors),
                    "sensors of the deleted devices");
            assertEquals(0, count("SELECT count(*) FROM sensor_thresholds WHERE sensor_id = ANY (?)", sensors),
                    "thresholds of the deleted devices' sensors");
            await("place_roles:" + place + " deleted", () -> roles.hasPlace(place), e -> !e);
            assertFalse(roles.placeListed(owner, place), "user_places:" + owner + " no longer holds " + place);
            assertFalse(roles.placeListed(viewer, place), "user_places:" + viewer + " no longer holds " + place);
            await("mqtt:user:credentials keys of the members deleted",
                    () -> kit.hasCredentials(owner) || kit.hasCredentials(viewer), any -> !any);
            assertTrue(kit.hasCredentials(bystander), "credentials of a user of another place are left alone");
            assertEquals("owner", roles.roleOf(otherPlace, bystander), "roles of another place are left alone");
            assertCode(Status.Code.PERMISSION_DENIED, () -> client.rpc().listDevices(list(owner, place)),
                    "ListDevices of the former owner of a deleted place");
        }
    }

    private static void assertDeviceIds(ConsumerRecord<String, String> event, Set<String> expected) {
        JsonObject value = json(event.value());
        assertEquals(Set.of("device_ids"), value.keySet(), "fields of " + describe(event));
        List<String> ids = value.getJsonArray("device_ids").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
        assertEquals(expected.size(), ids.size(), "device_ids of " + describe(event) + " (no duplicates)");
        assertEquals(expected, Set.copyOf(ids), "device_ids of " + describe(event));
    }

    private static int devicesOfPlace(String place) throws SQLException {
        try (Connection db = Database.connect();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM devices WHERE place_id = ?")) {
            query.setObject(1, UUID.fromString(place));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static int count(String sql, List<String> ids) throws SQLException {
        try (Connection db = Database.connect();
             PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(1, db.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    // ------------------------------------------------------------ 7: telemetry.status

    @Test
    void telemetryStatusSetsStatusAndLastSeen() {
        String place = place();
        String owner = owner(place);
        String device = fixture.device(owner, place, "Status device");
        assertEquals("", getDevice(owner, place, device).getLastSeenAt(), "last_seen_at of a device never seen");
        String topic = statusTopic(place, device);

        kit.send(TELEMETRY_STATUS, topic, Json.createObjectBuilder().add("topic", topic)
                .add("payload", Json.createObjectBuilder().add("status", "online")).build().toString());
        DeviceInfo online = await("GetDevice status ONLINE after telemetry.status online (payload object)",
                () -> getDevice(owner, place, device), d -> d.getStatus() == DeviceStatus.DEVICE_STATUS_ONLINE);
        String lastSeen = online.getLastSeenAt();
        assertFalse(lastSeen.isEmpty(), "last_seen_at set by online");
        OffsetDateTime seenAt = OffsetDateTime.parse(lastSeen);
        assertTrue(Duration.between(seenAt, OffsetDateTime.now()).abs().compareTo(Duration.ofMinutes(2)) < 0,
                "last_seen_at " + lastSeen + " is about now");

        kit.send(TELEMETRY_STATUS, topic, Json.createObjectBuilder().add("topic", topic)
                .add("payload", "{\"status\":\"offline\"}").build().toString());
        DeviceInfo offline = await("GetDevice status OFFLINE after telemetry.status offline (payload as JSON string)",
                () -> getDevice(owner, place, device), d -> d.getStatus() == DeviceStatus.DEVICE_STATUS_OFFLINE);
        assertEquals(lastSeen, offline.getLastSeenAt(), "offline leaves last_seen_at unchanged");

        // A device nobody knows, on the same partition: no error, and the next record is processed.
        int partition = partitionOf(topic, kit.partitions(TELEMETRY_STATUS));
        String unknown = kit.idOnPartition(TELEMETRY_STATUS, partition, id -> statusTopic(place, id));
        String unknownTopic = statusTopic(place, unknown);
        try (EventsKit.Tail dlq = EventsKit.tail(DLQ)) {
            kit.send(TELEMETRY_STATUS, unknownTopic, Json.createObjectBuilder().add("topic", unknownTopic)
                    .add("payload", Json.createObjectBuilder().add("status", "online")).build().toString());
            kit.send(TELEMETRY_STATUS, topic, Json.createObjectBuilder().add("topic", topic)
                    .add("payload", Json.createObjectBuilder().add("status", "online")).build().toString());
            DeviceInfo again = await("the record after one for an unknown device is processed (ONLINE again)",
                    () -> getDevice(owner, place, device), d -> d.getStatus() == DeviceStatus.DEVICE_STATUS_ONLINE);
            assertFalse(OffsetDateTime.parse(again.getLastSeenAt()).isBefore(seenAt),
                    "last_seen_at moves forward: " + again.getLastSeenAt() + " after " + lastSeen);
            dlq.pollFor(Duration.ofSeconds(1));
            List<ConsumerRecord<String, String>> errors = dlq.matching(keyed(unknownTopic));
            assertTrue(errors.isEmpty(), "status of an unknown device is no error, yet the DLQ got " + describe(errors));
        }
        assertCode(Status.Code.NOT_FOUND, () -> getDevice(owner, place, unknown),
                "a status record does not create an unknown device");
    }

    // ------------------------------------------------------------ 8: telemetry.readings

    @Test
    void telemetryReadingsKeepTheNewestValuePerKey() {
        String place = place();
        String owner = owner(place);
        String viewer = user();
        roles.grant(place, viewer, "viewer");
        String device = fixture.device(owner, place, "Reading device");

        kit.send(TELEMETRY_READINGS, device, reading(place, device, Json.createObjectBuilder()
                .add("ts", "2026-05-01T10:00:00+00:00")
                .add("values", Json.createObjectBuilder().add("temp", 21.5).add("hum", 40)).build()));
        List<String> first = List.of("hum=40.0@2026-05-01T10:00:00+00:00", "temp=21.5@2026-05-01T10:00:00+00:00");
        await("GetLatestDeviceReadings after the first reading (sorted by key)",
                () -> readings(viewer, place, device), first::equals);

        // Older (09:00): temp must stay; co2, new to the device, shows the record was consumed.
        kit.send(TELEMETRY_READINGS, device, reading(place, device, Json.createObjectBuilder()
                .add("ts", "2026-05-01T09:00:00+00:00")
                .add("values", Json.createObjectBuilder().add("temp", 99).add("co2", 5)).build()));
        List<String> afterOlder = await("the older reading consumed (co2 appears)",
                () -> readings(viewer, place, device), r -> r.size() == 3);
        assertEquals(List.of("co2=5.0@2026-05-01T09:00:00+00:00", "hum=40.0@2026-05-01T10:00:00+00:00",
                "temp=21.5@2026-05-01T10:00:00+00:00"), afterOlder, "an older reading does not overwrite temp");

        // Newer (11:00), payload as a JSON string.
        String newerPayload = Json.createObjectBuilder().add("ts", "2026-05-01T11:00:00+00:00")
                .add("values", Json.createObjectBuilder().add("temp", 22.75)).build().toString();
        kit.send(TELEMETRY_READINGS, device, Json.createObjectBuilder().add("place_id", place).add("device_id", device)
                .add("payload", newerPayload).build().toString());
        List<String> expected = List.of("co2=5.0@2026-05-01T09:00:00+00:00", "hum=40.0@2026-05-01T10:00:00+00:00",
                "temp=22.75@2026-05-01T11:00:00+00:00");
        await("the newer reading (payload as JSON string) overwrites temp",
                () -> readings(viewer, place, device), expected::equals);

        // A device of another place, with readings of its own, is NOT_FOUND through this place.
        String otherPlace = place();
        String otherOwner = owner(otherPlace);
        String otherDevice = fixture.device(otherOwner, otherPlace, "Other place device");
        kit.send(TELEMETRY_READINGS, otherDevice, reading(otherPlace, otherDevice, Json.createObjectBuilder()
                .add("ts", "2026-05-01T10:00:00+00:00")
                .add("values", Json.createObjectBuilder().add("temp", 1)).build()));
        await("readings of the other place's device", () -> readings(otherOwner, otherPlace, otherDevice),
                List.of("temp=1.0@2026-05-01T10:00:00+00:00")::equals);
        assertCode(Status.Code.NOT_FOUND, () -> readings(viewer, place, otherDevice),
                "GetLatestDeviceReadings for a device of another place");
        assertCode(Status.Code.NOT_FOUND, () -> readings(owner, place, Ids.newId()),
                "GetLatestDeviceReadings for an unknown device");
        assertCode(Status.Code.PERMISSION_DENIED, () -> readings(Ids.newId(), place, device),
                "GetLatestDeviceReadings by a user without a role in the place");
    }

    @Test
    void readingsOfUnknownOrDeletedDevicesAreNotKept() {
        String place = place();
        String owner = owner(place);
        String device = fixture.device(owner, place, "Deleted reading device");
        String byPlace = fixture.device(owner, place, "Deleted-by-place reading device");
        String unknown = Ids.newId();
        for (String d : List.of(device, byPlace)) {
            kit.send(TELEMETRY_READINGS, d, temperature(place, d, "2026-05-01T10:00:00+00:00"));
            await("the reading of " + d, () -> readings(owner, place, d), r -> r.size() == 1);
        }

        // Readings of a device that does not exist; a later record with the same Kafka key (same
        // partition, so consumed after it) shows when it has been processed.
        kit.send(TELEMETRY_READINGS, device, temperature(place, unknown, "2026-05-01T10:00:00+00:00"));
        kit.send(TELEMETRY_READINGS, device, temperature(place, device, "2026-05-01T11:00:00+00:00"));
        await("the reading after the unknown device's", () -> readings(owner, place, device),
                List.of("temp=21.0@2026-05-01T11:00:00+00:00")::equals);
        assertFalse(kit.redis.exists("device_readings:" + unknown), "readings kept for a device that does not exist");

        client.rpc().deleteDevice(DeleteDeviceRequest.newBuilder().setUserId(owner).setPlaceId(place)
                .setDeviceId(device).build());
        client.rpc().deleteDevicesByPlace(DeleteDevicesByPlaceRequest.newBuilder().setPlaceId(place).build());
        for (String d : List.of(device, byPlace)) {
            assertFalse(kit.redis.exists("device_readings:" + d), "readings of deleted device " + d);
        }

        // A reading still in flight for the deleted device does not bring its readings back.
        String survivor = fixture.device(owner, place, "Surviving reading device");
        kit.send(TELEMETRY_READINGS, survivor, temperature(place, device, "2026-05-01T12:00:00+00:00"));
        kit.send(TELEMETRY_READINGS, survivor, temperature(place, survivor, "2026-05-01T12:00:00+00:00"));
        await("the reading after the deleted device's", () -> readings(owner, place, survivor), r -> r.size() == 1);
        assertFalse(kit.redis.exists("device_readings:" + device), "readings of the deleted device came back");
    }

    @Test
    void readingsNamingAnotherPlaceThanTheDevicesAreNotKept() {
        String place = place();
        String owner = owner(place);
        String device = fixture.device(owner, place, "Misplaced reading device");
        String otherPlace = place();

        // The wrong place first (newer, so it would win if kept); the same Kafka key keeps the order.
        kit.send(TELEMETRY_READINGS, device, temperature(otherPlace, device, "2026-05-01T12:00:00+00:00"));
        kit.send(TELEMETRY_READINGS, device, temperature(place, device, "2026-05-01T10:00:00+00:00"));
        await("the reading under the device's own place", () -> readings(owner, place, device),
                List.of("temp=21.0@2026-05-01T10:00:00+00:00")::equals);

        kit.send(TELEMETRY_READINGS, device, temperature(otherPlace, device, "2026-05-01T13:00:00+00:00"));
        kit.send(TELEMETRY_READINGS, device, reading(place, device, Json.createObjectBuilder()
                .add("ts", "2026-05-01T09:00:00+00:00")
                .add("values", Json.createObjectBuilder().add("co2", 5)).build()));
        await("the reading after the misplaced one", () -> readings(owner, place, device),
                List.of("co2=5.0@2026-05-01T09:00:00+00:00", "temp=21.0@2026-05-01T10:00:00+00:00")::equals);
    }

    private static String temperature(String place, String device, String time) {
        return reading(place, device, Json.createObjectBuilder().add("ts", time)
                .add("values", Json.createObjectBuilder().add("temp", 21)).build());
    }

    private static String reading(String place, String device, JsonObject payload) {
        return Json.createObjectBuilder().add("place_id", place).add("device_id", device).add("payload", payload)
                .build().toString();
    }

    /** The answer of RPC 27 as "key=value@time" strings, in the order answered. */
    private static List<String> readings(String user, String place, String device) {
        return client.rpc().getLatestDeviceReadings(GetLatestDeviceReadingsRequest.newBuilder()
                        .setUserId(user).setPlaceId(place).setDeviceId(device).build())
                .getReadingsList().stream().map(InboundEventsIT::text).toList();
    }

    private static String text(DeviceReading reading) {
        return reading.getKey() + "=" + reading.getValue() + "@" + reading.getTime();
    }

    // ------------------------------------------------------------ 9: poison records

    @Test
    void poisonRecordsGoToTheDlqAndDoNotStallTheirPartition() {
        String place = place();
        String user = user();
        String key = memberKey(place, user);
        String superuser = user();
        String badPlaceUser = user();
        String badPlaceKey = "not-a-uuid:" + badPlaceUser;
        String superuserValue = member(place, superuser, "superuser");
        String badPlaceValue = member("not-a-uuid", badPlaceUser, "viewer");

        try (EventsKit.Tail dlq = EventsKit.tail(DLQ)) {
            RecordMetadata bad = kit.send(MEMBER_ADDED, key, "{not json");
            RecordMetadata good = kit.send(MEMBER_ADDED, key, member(place, user, "viewer"));
            assertEquals(bad.partition(), good.partition(), "same key, same partition");
            kit.send(MEMBER_ADDED, memberKey(place, superuser), superuserValue);
            kit.send(MEMBER_ADDED, badPlaceKey, badPlaceValue);

            await("the valid member.added after a bad one on the same partition is applied",
                    () -> roles.roleOf(place, user), "viewer"::equals);

            ConsumerRecord<String, String> deadJson = dlq.awaitOne("DLQ record of the bad JSON",
                    r -> key.equals(r.key()) && "{not json".equals(r.value()));
            assertReason(deadJson);
            ConsumerRecord<String, String> deadRole = dlq.awaitOne("DLQ record of role \"superuser\"",
                    r -> memberKey(place, superuser).equals(r.key()));
            assertEquals(superuserValue, deadRole.value(), "the DLQ keeps the raw value");
            assertReason(deadRole);
            ConsumerRecord<String, String> deadPlace = dlq.awaitOne("DLQ record of place_id \"not-a-uuid\"",
                    r -> badPlaceKey.equals(r.key()));
            assertEquals(badPlaceValue, deadPlace.value(), "the DLQ keeps the raw value");
            assertReason(deadPlace);

            List<ConsumerRecord<String, String>> deadValid = dlq.matching(
                    r -> key.equals(r.key()) && !"{not json".equals(r.value()));
            assertTrue(deadValid.isEmpty(), "the valid record went to the DLQ too: " + describe(deadValid));
        }
        assertNull(roles.roleOf(place, superuser), "an unknown role is not cached");
        assertTrue(roles.placesOf(superuser).isEmpty(), "user_places of the superuser record");
        assertTrue(roles.placesOf(badPlaceUser).isEmpty(), "user_places of the bad place_id record");
    }

    private static void assertReason(ConsumerRecord<String, String> dead) {
        String reason = header(dead, "dlq-reason");
        assertNotNull(reason, "header dlq-reason of " + describe(dead));
        assertFalse(reason.isBlank(), "header dlq-reason of " + describe(dead) + " is blank");
    }

    // ------------------------------------------------------------ 10: Redis loses the cache

    /**
     * While the cache is not known to be complete, no role is not a refusal: a member gets OK
     * (role back) or UNAVAILABLE, never PERMISSION_DENIED; a stranger UNAVAILABLE, then, once the
     * rebuild is done, PERMISSION_DENIED.
     */
    @Test
    void duringTheRebuildAMemberIsNeverRefused() throws Exception {
        String place = place();
        String member = user();
        String stranger = user();
        kit.send(MEMBER_ADDED, memberKey(place, member), member(place, member, "owner"));
        await("role owner after member.added", () -> roles.roleOf(place, member), "owner"::equals);

        TestEnvironment.run("redis-cli", "-h", TestEnvironment.REDIS_HOST, "-p", Integer.toString(TestEnvironment.REDIS_PORT),
                "FLUSHALL");
        Map<Status.Code, Integer> memberCodes = new EnumMap<>(Status.Code.class);
        Map<Status.Code, Integer> strangerCodes = new EnumMap<>(Status.Code.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean ready = false;
        while (!ready && System.nanoTime() < deadline) {
            memberCodes.merge(codeOf(() -> client.rpc().listDevices(list(member, place))), 1, Integer::sum);
            Status.Code strangerCode = codeOf(() -> client.rpc().listDevices(list(stranger, place)));
            strangerCodes.merge(strangerCode, 1, Integer::sum);
            // Read after the calls: a stranger refused before the marker came back would be wrong.
            ready = roles.cacheReady();
            if (!ready) {
                assertEquals(Status.Code.UNAVAILABLE, strangerCode, "a stranger while the cache is incomplete");
            }
        }
        System.out.printf("During the rebuild: member %s, stranger %s%n", memberCodes, strangerCodes);
        assertTrue(ready, "the rebuild finished");
        assertFalse(memberCodes.containsKey(Status.Code.PERMISSION_DENIED), "member: " + memberCodes);
        assertTrue(strangerCodes.getOrDefault(Status.Code.UNAVAILABLE, 0) > 0, "stranger: " + strangerCodes);
        assertEquals(Status.Code.OK, codeOf(() -> client.rpc().listDevices(list(member, place))));
        assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> client.rpc().listDevices(list(stranger, place))));
    }

    @Test
    void roleCacheIsRebuiltFromTheTopicsAfterRedisLosesIt() throws Exception {
        String place = place();
        String member = user();
        String formerMember = user();
        kit.send(MEMBER_ADDED, memberKey(place, member), member(place, member, "owner"));
        kit.send(MEMBER_ADDED, memberKey(place, formerMember), member(place, formerMember, "admin"));
        await("role owner after member.added", () -> roles.roleOf(place, member), "owner"::equals);
        await("role admin after member.added", () -> roles.roleOf(place, formerMember), "admin"::equals);
        kit.send(MEMBER_REMOVED, memberKey(place, formerMember), removal(place, formerMember));
        await("role gone after member.removed", () -> roles.roleOf(place, formerMember), java.util.Objects::isNull);

        TestEnvironment.run("redis-cli", "-h", TestEnvironment.REDIS_HOST, "-p", Integer.toString(TestEnvironment.REDIS_PORT),
                "FLUSHALL");

        Duration rebuild = Duration.ofSeconds(30);
        await("role of " + member + " back in place_roles:" + place + " after FLUSHALL", rebuild,
                () -> roles.roleOf(place, member), "owner"::equals);
        await("marker role_cache:ready set again after the rebuild", rebuild,
                () -> roles.cacheReady(), Boolean::booleanValue);
        assertTrue(roles.placeListed(member, place), "user_places:" + member + " rebuilt");
        assertNull(roles.roleOf(place, formerMember), "a removed member stays removed after the rebuild");
        assertFalse(roles.placeListed(formerMember, place), "user_places:" + formerMember + " after the rebuild");
        assertEquals(0, client.rpc().listDevices(list(member, place)).getTotal(), "the owner can read again");
    }
}

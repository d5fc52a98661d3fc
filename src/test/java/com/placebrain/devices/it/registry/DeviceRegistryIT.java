package com.placebrain.devices.it.registry;

import static com.placebrain.devices.it.registry.WireValues.TOKEN;
import static com.placebrain.devices.it.registry.WireValues.assertCanonicalUuidV7;
import static com.placebrain.devices.it.registry.WireValues.assertRecent;
import static com.placebrain.devices.it.support.Database.bcryptMatches;
import static com.placebrain.devices.it.support.Database.count;
import static com.placebrain.devices.it.support.GrpcStatus.assertInvalid;
import static com.placebrain.devices.it.support.GrpcStatus.assertStatus;
import static com.placebrain.devices.it.support.Ids.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.ActuatorInfo;
import com.placebrain.devices.grpc.v1.CreateActuatorRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceResponse;
import com.placebrain.devices.grpc.v1.CreateSensorRequest;
import com.placebrain.devices.grpc.v1.DeleteDeviceRequest;
import com.placebrain.devices.grpc.v1.DeleteDevicesByPlaceRequest;
import com.placebrain.devices.grpc.v1.DeleteDevicesByPlaceResponse;
import com.placebrain.devices.grpc.v1.DeviceInfo;
import com.placebrain.devices.grpc.v1.DeviceStatus;
import com.placebrain.devices.grpc.v1.DeviceSummary;
import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.ListDevicesRequest;
import com.placebrain.devices.grpc.v1.ListDevicesResponse;
import com.placebrain.devices.grpc.v1.RegenerateDeviceTokenRequest;
import com.placebrain.devices.grpc.v1.SensorInfo;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.grpc.v1.UpdateDeviceRequest;
import com.placebrain.devices.grpc.v1.UpdateDeviceStatusRequest;
import com.placebrain.devices.grpc.v1.UpdateDeviceStatusResponse;
import com.placebrain.devices.grpc.v1.ValueType;
import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.RoleFixture;
import com.placebrain.devices.it.support.ServiceDeployment;
import io.grpc.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** RPCs 1-6, 23 and 24: devices, their tokens, and the internal place/status RPCs. */
class DeviceRegistryIT extends ServiceDeployment {

    private static final Duration SLACK = Duration.ofMinutes(2);

    // ------------------------------------------------------------ CreateDevice

    @Test
    void createDeviceReturnsAUuidAndAOneTimeTokenAndTheDeviceIsListed() throws SQLException {
        String place = newId();
        String owner = roles.newOwner(place);

        CreateDeviceResponse created = fixture.createDevice(owner, place, "Boiler room");

        assertCanonicalUuidV7(created.getDeviceId(), "device_id");
        assertEquals(43, created.getToken().length(), "token length: " + created.getToken());
        assertTrue(TOKEN.matcher(created.getToken()).matches(), "URL-safe base64 without padding: " + created.getToken());
        assertEquals(ListDevicesResponse.newBuilder().setTotal(1).addDevices(DeviceSummary.newBuilder()
                        .setDeviceId(created.getDeviceId()).setPlaceId(place).setName("Boiler room")
                        .setStatus(DeviceStatus.DEVICE_STATUS_OFFLINE).setLastSeenAt("")).build(),
                listDevices(owner, place, 1, 20));

        assertEquals(place + "|Boiler room|OFFLINE|NULL", Database.single(
                "SELECT place_id || '|' || name || '|' || status || '|' || coalesce(last_seen_at::text, 'NULL')"
                        + " FROM devices WHERE id = ?::uuid", created.getDeviceId()));
        String hash = Database.tokenHash(created.getDeviceId());
        assertTrue(hash.startsWith("$2"), "a bcrypt hash is stored: " + hash);
        assertFalse(hash.contains(created.getToken()), "the plaintext token is not stored");
        assertTrue(bcryptMatches(created.getToken(), hash), "the stored hash verifies the returned token");

        CreateDeviceResponse second = fixture.createDevice(owner, place, "Boiler room");
        assertNotEquals(created.getDeviceId(), second.getDeviceId());
        assertNotEquals(created.getToken(), second.getToken(), "every device gets its own token");
        assertEquals(2, listDevices(owner, place, 1, 20).getTotal(), "names need not be unique");
    }

    @Test
    void createDeviceNeedsOwnerOrAdmin() throws SQLException {
        String place = newId();
        String admin = roles.newMember(place, RoleFixture.ADMIN);
        String viewer = roles.newMember(place, RoleFixture.VIEWER);
        String stranger = newId();

        String id = fixture.createDevice(admin, place, "By admin").getDeviceId();
        assertStatus(Status.Code.PERMISSION_DENIED, () -> fixture.createDevice(viewer, place, "By viewer"), "viewer");
        assertStatus(Status.Code.PERMISSION_DENIED, () -> fixture.createDevice(stranger, place, "By stranger"),
                "user without a role");

        assertEquals(List.of(id), Database.strings("SELECT id::text FROM devices WHERE place_id = ?::uuid", place));
    }

    // ------------------------------------------------------------ GetDevice

    @Test
    void getDeviceReturnsTheDeviceWithSensorsActuatorsAndTimestamps() throws SQLException {
        String place = newId();
        String owner = roles.newOwner(place);
        String device = fixture.createDevice(owner, place, "Boiler room").getDeviceId();
        String temp = client.rpc().createSensor(CreateSensorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setKey("temp").setName("Water temperature")
                .setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("\u00b0C").setPrecision(1).build()).getSensorId();
        String leak = client.rpc().createSensor(CreateSensorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setKey("leak").setName("Leak detector")
                .setValueType(ValueType.VALUE_TYPE_BOOLEAN).setUnitLabel("").setPrecision(0).build()).getSensorId();
        String valve = client.rpc().createActuator(CreateActuatorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setKey("valve").setName("Mixing valve")
                .setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("%").setPrecision(0)
                .setMinValue(10).setMaxValue(90).setStep(5).build()).getActuatorId();
        String mode = client.rpc().createActuator(CreateActuatorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setKey("mode").setName("Mode")
                .setValueType(ValueType.VALUE_TYPE_ENUM).setUnitLabel("").setPrecision(0)
                .addAllEnumOptions(List.of("eco", "comfort", "off")).build()).getActuatorId();

        DeviceInfo info = getDevice(owner, place, device);

        assertEquals(DeviceInfo.newBuilder()
                .setDeviceId(device).setPlaceId(place).setName("Boiler room")
                .setStatus(DeviceStatus.DEVICE_STATUS_OFFLINE).setLastSeenAt("")
                .addSensors(SensorInfo.newBuilder().setSensorId(leak).setDeviceId(device).setKey("leak")
                        .setName("Leak detector").setValueType(ValueType.VALUE_TYPE_BOOLEAN).setUnitLabel("")
                        .setPrecision(0))
                .addSensors(SensorInfo.newBuilder().setSensorId(temp).setDeviceId(device).setKey("temp")
                        .setName("Water temperature").setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("\u00b0C")
                        .setPrecision(1))
                .addActuators(ActuatorInfo.newBuilder().setActuatorId(mode).setDeviceId(device).setKey("mode")
                        .setName("Mode").setValueType(ValueType.VALUE_TYPE_ENUM).setUnitLabel("").setPrecision(0)
                        .addAllEnumOptions(List.of("eco", "comfort", "off")))
                .addActuators(ActuatorInfo.newBuilder().setActuatorId(valve).setDeviceId(device).setKey("valve")
                        .setName("Mixing valve").setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("%")
                        .setPrecision(0).setMinValue(10).setMaxValue(90).setStep(5))
                .build(), info.toBuilder().clearCreatedAt().clearUpdatedAt().build());

        assertRecent(info.getCreatedAt(), SLACK, "created_at");
        assertRecent(info.getUpdatedAt(), SLACK, "updated_at");
        assertFalse(OffsetDateTime.parse(info.getUpdatedAt()).isBefore(OffsetDateTime.parse(info.getCreatedAt())),
                "updated_at " + info.getUpdatedAt() + " is not before created_at " + info.getCreatedAt());
        assertEquals("true|true", Database.single(
                "SELECT (created_at = ?::timestamptz) || '|' || (updated_at = ?::timestamptz) FROM devices WHERE id = ?::uuid",
                info.getCreatedAt(), info.getUpdatedAt(), device), "wire timestamps are the stored ones, to the microsecond");
    }

    /**
     * Counted with PostgreSQL's own per-table scan counters (pg_stat_user_tables). A server
     * connection flushes its counters when it goes idle, or, if it flushed less than a second
     * before, up to 10 s later (PGSTAT_IDLE_INTERVAL): each reading waits that out. Something else
     * of the server touching these tables meanwhile could only add scans, so a mismatch is
     * measured again before it counts.
     */
    @Test
    void getDeviceCostsTheSameFewQueriesForOneChildAsForSixtyWithThresholds() throws Exception {
        String place = newId();
        String owner = roles.newOwner(place);
        String small = fixture.createDevice(owner, place, "One of each").getDeviceId();
        fixture.createSensor(owner, place, small, "s", ValueType.VALUE_TYPE_NUMBER);
        fixture.createNumberActuator(owner, place, small, "a");
        String large = fixture.createDevice(owner, place, "Thirty of each").getDeviceId();
        for (int i = 0; i < 30; i++) {
            String sensor = fixture.createSensor(owner, place, large, "s" + i, ValueType.VALUE_TYPE_NUMBER);
            fixture.setThreshold(owner, place, large, sensor, ThresholdType.THRESHOLD_TYPE_MAX, i,
                    ThresholdSeverity.THRESHOLD_SEVERITY_WARNING);
            fixture.createNumberActuator(owner, place, large, "a" + i);
        }
        assertEquals(30, getDevice(owner, place, large).getSensorsCount());

        Map<String, Long> forOneChild = Map.of();
        Map<String, Long> forSixty = Map.of();
        for (int attempt = 0; attempt < 3 && (attempt == 0 || !forOneChild.equals(forSixty)); attempt++) {
            Map<String, Long> start = scansOnceFlushed();
            callGetDevice(owner, place, small);
            Map<String, Long> afterSmall = scansOnceFlushed();
            callGetDevice(owner, place, large);
            Map<String, Long> afterLarge = scansOnceFlushed();
            forOneChild = difference(afterSmall, start);
            forSixty = difference(afterLarge, afterSmall);
        }

        assertEquals(forOneChild, forSixty, "table scans of " + GET_DEVICE_CALLS + " GetDevice calls");
        long scans = forSixty.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(scans <= 3 * GET_DEVICE_CALLS, "at most three table reads per GetDevice: " + forSixty);
        assertEquals(0, forSixty.get("sensor_thresholds"), "GetDevice does not read thresholds: " + forSixty);
    }

    private static final int GET_DEVICE_CALLS = 10;
    private static final List<String> DEVICE_TABLES = List.of("actuators", "devices", "sensor_thresholds", "sensors");
    private static final long STATS_FLUSH_MILLIS = 11_000;

    private static void callGetDevice(String owner, String place, String device) {
        for (int i = 0; i < GET_DEVICE_CALLS; i++) {
            getDevice(owner, place, device);
        }
    }

    private static Map<String, Long> scansOnceFlushed() throws Exception {
        Thread.sleep(STATS_FLUSH_MILLIS);
        return scans();
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        for (String table : DEVICE_TABLES) {
            delta.put(table, after.get(table) - before.get(table));
        }
        return delta;
    }

    private static Map<String, Long> scans() throws SQLException {
        Map<String, Long> scans = new TreeMap<>();
        for (String row : Database.strings("SELECT relname || '=' || (seq_scan + coalesce(idx_scan, 0))"
                + " FROM pg_stat_user_tables WHERE relname::text = ANY (?)", DEVICE_TABLES)) {
            String[] parts = row.split("=");
            scans.put(parts[0], Long.parseLong(parts[1]));
        }
        return scans;
    }

    @Test
    void getDeviceOfAnUnknownDeviceIsNotFound() {
        String place = newId();
        String owner = roles.newOwner(place);
        fixture.createDevice(owner, place, "Present");
        assertStatus(Status.Code.NOT_FOUND, () -> getDevice(owner, place, newId()), "unknown device id");
    }

    // ------------------------------------------------------------ ListDevices

    @Test
    void listDevicesPagesNewestFirstAndCountsTheWholePlace() {
        String place = newId();
        String owner = roles.newOwner(place);
        String otherPlace = newId();
        fixture.createDevice(roles.newOwner(otherPlace), otherPlace, "Elsewhere");
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            created.add(fixture.createDevice(owner, place, String.format("Device %02d", i)).getDeviceId());
        }
        List<String> newestFirst = created.reversed();

        assertPage(newestFirst.subList(0, 10), listDevices(owner, place, 1, 10), "page 1 of 10");
        assertPage(newestFirst.subList(10, 20), listDevices(owner, place, 2, 10), "page 2 of 10");
        assertPage(newestFirst.subList(20, 25), listDevices(owner, place, 3, 10), "page 3 of 10");
        assertPage(List.of(), listDevices(owner, place, 4, 10), "page 4 of 10, past the end");
        assertPage(newestFirst.subList(0, 20), listDevices(owner, place, 0, 0), "page 0 -> 1, per_page 0 -> 20");
        assertPage(newestFirst.subList(0, 20), listDevices(owner, place, -3, -1), "negative page and per_page");
        assertPage(newestFirst.subList(20, 25), listDevices(owner, place, 2, 0), "page 2 of the default 20");
        assertPage(newestFirst, listDevices(owner, place, 1, 100), "per_page 100");
        assertPage(newestFirst, listDevices(owner, place, 1, 1000), "per_page 1000 capped");
        assertPage(newestFirst.subList(7, 8), listDevices(owner, place, 8, 1), "page 8 of 1");

        ListDevicesResponse first = listDevices(owner, place, 1, 3);
        assertEquals(List.of("Device 25", "Device 24", "Device 23"),
                first.getDevicesList().stream().map(DeviceSummary::getName).toList());
        for (DeviceSummary summary : first.getDevicesList()) {
            assertEquals(DeviceSummary.newBuilder().setDeviceId(summary.getDeviceId()).setPlaceId(place)
                    .setName(summary.getName()).setStatus(DeviceStatus.DEVICE_STATUS_OFFLINE).setLastSeenAt("").build(),
                    summary);
        }
    }

    @Test
    void listDevicesCapsPerPageAtOneHundred() throws SQLException {
        String place = newId();
        String viewer = roles.newMember(place, RoleFixture.VIEWER);
        // 101 devices straight into the database, created a minute apart: "Bulk 001" oldest.
        Database.execute("""
                INSERT INTO devices (place_id, name, token_hash, status, last_seen_at, created_at, updated_at, id)
                SELECT ?::uuid, 'Bulk ' || lpad(i::text, 3, '0'), '$2a$04$notarealhashnotarealhashnotarealhashnotarealhashnot', 'OFFLINE',
                       NULL, timestamptz '2026-01-01 00:00:00+00' + i * interval '1 minute',
                       timestamptz '2026-01-01 00:00:00+00' + i * interval '1 minute', gen_random_uuid()
                FROM generate_series(1, 101) AS i""", place);
        try {
            List<String> newestFirst = IntStream.iterate(101, i -> i >= 1, i -> i - 1)
                    .mapToObj(i -> String.format("Bulk %03d", i)).toList();

            ListDevicesResponse capped = listDevices(viewer, place, 1, 101);
            assertEquals(101, capped.getTotal());
            assertEquals(newestFirst.subList(0, 100), names(capped), "per_page 101 is capped at 100");
            ListDevicesResponse second = listDevices(viewer, place, 2, 500);
            assertEquals(101, second.getTotal());
            assertEquals(List.of("Bulk 001"), names(second), "page 2 of a capped page size starts at 101");
            assertEquals(newestFirst.subList(20, 40), names(listDevices(viewer, place, 2, -7)), "default 20");
        } finally {
            Database.execute("DELETE FROM devices WHERE place_id = ?::uuid", place);
        }
    }

    // ------------------------------------------------------------ UpdateDevice

    @Test
    void updateDeviceRenamesTheDeviceAndMovesUpdatedAt() {
        String place = newId();
        String owner = roles.newOwner(place);
        String device = fixture.createDevice(owner, place, "Cellar").getDeviceId();
        DeviceInfo before = getDevice(owner, place, device);

        assertEquals(device, client.rpc().updateDevice(UpdateDeviceRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setName("Wine cellar").build()).getDeviceId());

        DeviceInfo after = getDevice(owner, place, device);
        assertEquals(before.toBuilder().setName("Wine cellar").clearUpdatedAt().build(),
                after.toBuilder().clearUpdatedAt().build(), "only name and updated_at change");
        assertTrue(OffsetDateTime.parse(after.getUpdatedAt()).isAfter(OffsetDateTime.parse(before.getUpdatedAt())),
                "updated_at " + after.getUpdatedAt() + " moved past " + before.getUpdatedAt());
        assertEquals(List.of("Wine cellar"), names(listDevices(owner, place, 1, 20)));

        assertStatus(Status.Code.NOT_FOUND, () -> client.rpc().updateDevice(UpdateDeviceRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(newId()).setName("Ghost").build()), "unknown device");
    }

    // ------------------------------------------------------------ DeleteDevice

    @Test
    void deleteDeviceRemovesItsSensorsActuatorsAndThresholds() throws SQLException {
        String place = newId();
        String owner = roles.newOwner(place);
        String doomed = fixture.createDevice(owner, place, "Doomed").getDeviceId();
        String temp = fixture.createSensor(owner, place, doomed, "temp", ValueType.VALUE_TYPE_NUMBER);
        String leak = fixture.createSensor(owner, place, doomed, "leak", ValueType.VALUE_TYPE_BOOLEAN);
        fixture.setThreshold(owner, place, doomed, temp, ThresholdType.THRESHOLD_TYPE_MIN, 1,
                ThresholdSeverity.THRESHOLD_SEVERITY_WARNING);
        fixture.setThreshold(owner, place, doomed, temp, ThresholdType.THRESHOLD_TYPE_MAX, 9,
                ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL);
        fixture.setThreshold(owner, place, doomed, leak, ThresholdType.THRESHOLD_TYPE_MAX, 0.5,
                ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL);
        fixture.createNumberActuator(owner, place, doomed, "valve");
        String kept = fixture.createDevice(owner, place, "Kept").getDeviceId();
        String keptSensor = fixture.createSensor(owner, place, kept, "temp", ValueType.VALUE_TYPE_NUMBER);
        fixture.setThreshold(owner, place, kept, keptSensor, ThresholdType.THRESHOLD_TYPE_MIN, 1,
                ThresholdSeverity.THRESHOLD_SEVERITY_WARNING);
        fixture.createNumberActuator(owner, place, kept, "valve");
        List<String> keptRows = Database.snapshot(place).stream()
                .filter(row -> !row.contains(doomed) && !row.contains(temp) && !row.contains(leak)).toList();

        assertTrue(client.rpc().deleteDevice(DeleteDeviceRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(doomed).build()).getSuccess());

        assertStatus(Status.Code.NOT_FOUND, () -> getDevice(owner, place, doomed), "GetDevice after delete");
        assertEquals(0, count("SELECT count(*) FROM devices WHERE id = ?::uuid", doomed));
        assertEquals(0, count("SELECT count(*) FROM sensors WHERE device_id = ?::uuid", doomed));
        assertEquals(0, count("SELECT count(*) FROM actuators WHERE device_id = ?::uuid", doomed));
        assertEquals(0, count("SELECT count(*) FROM sensor_thresholds WHERE sensor_id::text = ANY (?)",
                List.of(temp, leak)));
        assertEquals(keptRows, Database.snapshot(place), "the other device of the place is untouched");
        assertEquals(List.of("Kept"), names(listDevices(owner, place, 1, 20)));

        assertStatus(Status.Code.NOT_FOUND, () -> client.rpc().deleteDevice(DeleteDeviceRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(doomed).build()), "second delete");
    }

    // ------------------------------------------------------------ RegenerateDeviceToken

    @Test
    void regenerateDeviceTokenReplacesTheStoredHash() throws SQLException {
        String place = newId();
        String owner = roles.newOwner(place);
        CreateDeviceResponse created = fixture.createDevice(owner, place, "Gate");
        String oldHash = Database.tokenHash(created.getDeviceId());
        DeviceInfo before = getDevice(owner, place, created.getDeviceId());

        String token = client.rpc().regenerateDeviceToken(RegenerateDeviceTokenRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(created.getDeviceId()).build()).getToken();

        assertTrue(TOKEN.matcher(token).matches(), "URL-safe base64 without padding, 43 chars: " + token);
        assertNotEquals(created.getToken(), token, "a new token");
        String newHash = Database.tokenHash(created.getDeviceId());
        assertNotEquals(oldHash, newHash, "the stored hash changed");
        assertTrue(bcryptMatches(token, newHash), "the new hash verifies the new token");
        assertFalse(bcryptMatches(created.getToken(), newHash), "the old token no longer verifies");
        DeviceInfo after = getDevice(owner, place, created.getDeviceId());
        assertEquals(before.toBuilder().clearUpdatedAt().build(), after.toBuilder().clearUpdatedAt().build(),
                "the device is otherwise unchanged");

        assertStatus(Status.Code.NOT_FOUND, () -> client.rpc().regenerateDeviceToken(
                RegenerateDeviceTokenRequest.newBuilder().setUserId(owner).setPlaceId(place).setDeviceId(newId())
                        .build()), "unknown device");
    }

    // ------------------------------------------------------------ DeleteDevicesByPlace

    @Test
    void deleteDevicesByPlaceDeletesEveryDeviceOfThatPlaceOnly() throws SQLException {
        String place = newId();
        String owner = roles.newOwner(place);
        Set<String> ids = new HashSet<>();
        for (String name : List.of("One", "Two", "Three")) {
            ids.add(fixture.createDevice(owner, place, name).getDeviceId());
        }
        String withChildren = ids.iterator().next();
        String sensor = fixture.createSensor(owner, place, withChildren, "temp", ValueType.VALUE_TYPE_NUMBER);
        fixture.setThreshold(owner, place, withChildren, sensor, ThresholdType.THRESHOLD_TYPE_MAX, 30,
                ThresholdSeverity.THRESHOLD_SEVERITY_WARNING);
        fixture.createNumberActuator(owner, place, withChildren, "valve");
        String otherPlace = newId();
        String otherOwner = roles.newOwner(otherPlace);
        String other = fixture.createDevice(otherOwner, otherPlace, "Neighbour").getDeviceId();
        fixture.createSensor(otherOwner, otherPlace, other, "temp", ValueType.VALUE_TYPE_NUMBER);
        List<String> otherRows = Database.snapshot(otherPlace);

        DeleteDevicesByPlaceResponse deleted = deleteDevicesByPlace(place);

        assertTrue(deleted.getSuccess());
        assertEquals(3, deleted.getDeletedCount());
        assertEquals(3, deleted.getDeviceIdsCount(), "no id twice: " + deleted.getDeviceIdsList());
        assertEquals(ids, Set.copyOf(deleted.getDeviceIdsList()));
        assertEquals(0, count("SELECT count(*) FROM devices WHERE place_id = ?::uuid", place));
        assertEquals(0, count("SELECT count(*) FROM sensors WHERE device_id::text = ANY (?)", List.copyOf(ids)));
        assertEquals(0, count("SELECT count(*) FROM actuators WHERE device_id::text = ANY (?)", List.copyOf(ids)));
        assertEquals(0, count("SELECT count(*) FROM sensor_thresholds WHERE sensor_id = ?::uuid", sensor));
        assertEquals(otherRows, Database.snapshot(otherPlace), "the other place is untouched");
        assertEquals(List.of("Neighbour"), names(listDevices(otherOwner, otherPlace, 1, 20)));
        assertEquals(0, listDevices(owner, place, 1, 20).getTotal());

        assertEquals(DeleteDevicesByPlaceResponse.newBuilder().setSuccess(true).setDeletedCount(0).build(),
                deleteDevicesByPlace(place), "a second call finds nothing");
    }

    /**
     * A device deleted by another transaction while DeleteDevicesByPlace runs is not reported as
     * deleted by it. The other transaction holds the device's row lock until the RPC's delete
     * waits for it, then commits; reading the ids first and deleting them afterwards would still
     * report that device.
     */
    @Test
    void deleteDevicesByPlaceReportsOnlyTheDevicesItDeleted() throws Exception {
        String place = newId();
        String owner = roles.newOwner(place);
        String device = fixture.createDevice(owner, place, "Deleted by the RPC").getDeviceId();
        String raced = fixture.createDevice(owner, place, "Deleted meanwhile").getDeviceId();

        try (Connection db = Database.connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM devices WHERE id = ?::uuid")) {
                delete.setString(1, raced);
                delete.executeUpdate();
            }
            CompletableFuture<DeleteDevicesByPlaceResponse> rpc =
                    CompletableFuture.supplyAsync(() -> deleteDevicesByPlace(place));
            awaitALockWait(rpc);
            db.commit();

            DeleteDevicesByPlaceResponse deleted = rpc.get(30, TimeUnit.SECONDS);
            assertEquals(List.of(device), deleted.getDeviceIdsList());
            assertEquals(1, deleted.getDeletedCount());
        }
        assertEquals(0, count("SELECT count(*) FROM devices WHERE place_id = ?::uuid", place));
    }

    /** Until some session waits for a lock (the RPC's delete), or the call is over, at most 10 s. */
    private static void awaitALockWait(CompletableFuture<?> call) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!call.isDone() && System.nanoTime() < end
                && count("SELECT count(*) FROM pg_locks WHERE NOT granted") == 0) {
            Thread.sleep(20);
        }
    }

    @Test
    void deleteDevicesByPlaceOfAnEmptyPlaceSucceedsWithNothing() {
        assertEquals(DeleteDevicesByPlaceResponse.newBuilder().setSuccess(true).setDeletedCount(0).build(),
                deleteDevicesByPlace(newId()));
    }

    // ------------------------------------------------------------ UpdateDeviceStatus

    @Test
    void updateDeviceStatusOnlineSetsLastSeenAndOfflineKeepsIt() {
        String place = newId();
        String owner = roles.newOwner(place);
        String device = fixture.createDevice(owner, place, "Thermostat").getDeviceId();

        assertEquals(UpdateDeviceStatusResponse.newBuilder().setSuccess(true).build(),
                updateStatus(device, DeviceStatus.DEVICE_STATUS_ONLINE));
        DeviceInfo online = getDevice(owner, place, device);
        assertEquals(DeviceStatus.DEVICE_STATUS_ONLINE, online.getStatus());
        assertRecent(online.getLastSeenAt(), SLACK, "last_seen_at after ONLINE");
        assertEquals(DeviceSummary.newBuilder().setDeviceId(device).setPlaceId(place).setName("Thermostat")
                        .setStatus(DeviceStatus.DEVICE_STATUS_ONLINE).setLastSeenAt(online.getLastSeenAt()).build(),
                listDevices(owner, place, 1, 20).getDevices(0));

        assertEquals(UpdateDeviceStatusResponse.newBuilder().setSuccess(true).build(),
                updateStatus(device, DeviceStatus.DEVICE_STATUS_OFFLINE));
        DeviceInfo offline = getDevice(owner, place, device);
        assertEquals(DeviceStatus.DEVICE_STATUS_OFFLINE, offline.getStatus());
        assertEquals(online.getLastSeenAt(), offline.getLastSeenAt(), "OFFLINE keeps last_seen_at");

        updateStatus(device, DeviceStatus.DEVICE_STATUS_ONLINE);
        DeviceInfo again = getDevice(owner, place, device);
        assertEquals(DeviceStatus.DEVICE_STATUS_ONLINE, again.getStatus());
        assertTrue(OffsetDateTime.parse(again.getLastSeenAt()).isAfter(OffsetDateTime.parse(online.getLastSeenAt())),
                "a later ONLINE moves last_seen_at: " + online.getLastSeenAt() + " -> " + again.getLastSeenAt());
    }

    @Test
    void updateDeviceStatusRejectsUnknownDevicesAndUnspecifiedStatus() throws SQLException {
        String place = newId();
        String owner = roles.newOwner(place);
        String device = fixture.createDevice(owner, place, "Lamp").getDeviceId();
        List<String> before = Database.snapshot(place);

        assertStatus(Status.Code.NOT_FOUND, () -> updateStatus(newId(), DeviceStatus.DEVICE_STATUS_ONLINE),
                "unknown device");
        assertInvalid("status", () -> updateStatus(device, DeviceStatus.DEVICE_STATUS_UNSPECIFIED), "UNSPECIFIED");
        assertInvalid("status", () -> client.rpc().updateDeviceStatus(UpdateDeviceStatusRequest.newBuilder()
                .setDeviceId(device).setStatusValue(7).build()), "unknown status number 7");
        assertEquals(before, Database.snapshot(place), "nothing changed");
    }

    // ------------------------------------------------------------ helpers

    private static DeviceInfo getDevice(String user, String place, String device) {
        return client.rpc().getDevice(GetDeviceRequest.newBuilder()
                .setUserId(user).setPlaceId(place).setDeviceId(device).build()).getDevice();
    }

    private static ListDevicesResponse listDevices(String user, String place, int page, int perPage) {
        return client.rpc().listDevices(ListDevicesRequest.newBuilder()
                .setUserId(user).setPlaceId(place).setPage(page).setPerPage(perPage).build());
    }

    private static DeleteDevicesByPlaceResponse deleteDevicesByPlace(String place) {
        return client.rpc().deleteDevicesByPlace(DeleteDevicesByPlaceRequest.newBuilder().setPlaceId(place).build());
    }

    private static UpdateDeviceStatusResponse updateStatus(String device, DeviceStatus status) {
        return client.rpc().updateDeviceStatus(UpdateDeviceStatusRequest.newBuilder()
                .setDeviceId(device).setStatus(status).build());
    }

    private static List<String> names(ListDevicesResponse response) {
        return response.getDevicesList().stream().map(DeviceSummary::getName).toList();
    }

    private static void assertPage(List<String> expectedIds, ListDevicesResponse page, String what) {
        assertEquals(25, page.getTotal(), what + ": total counts the whole place");
        assertEquals(expectedIds, page.getDevicesList().stream().map(DeviceSummary::getDeviceId).toList(), what);
    }
}

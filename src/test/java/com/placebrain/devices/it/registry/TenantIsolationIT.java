package com.placebrain.devices.it.registry;

import static com.placebrain.devices.it.registry.RegistryRpcs.ACTUATOR_ID;
import static com.placebrain.devices.it.registry.RegistryRpcs.DEVICE_ID;
import static com.placebrain.devices.it.registry.RegistryRpcs.SENSOR_ID;
import static com.placebrain.devices.it.support.GrpcStatus.assertStatus;
import static com.placebrain.devices.it.support.Ids.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.placebrain.devices.grpc.v1.ActuatorInfo;
import com.placebrain.devices.grpc.v1.DeleteThresholdRequest;
import com.placebrain.devices.grpc.v1.DeviceSummary;
import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.ListActuatorsRequest;
import com.placebrain.devices.grpc.v1.ListDevicesRequest;
import com.placebrain.devices.grpc.v1.ListDevicesResponse;
import com.placebrain.devices.grpc.v1.ListSensorsRequest;
import com.placebrain.devices.grpc.v1.ListThresholdsRequest;
import com.placebrain.devices.grpc.v1.SensorInfo;
import com.placebrain.devices.grpc.v1.ThresholdInfo;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.grpc.v1.ValueType;
import com.placebrain.devices.it.registry.RegistryRpcs.Rpc;
import com.placebrain.devices.it.registry.RegistryRpcs.Target;
import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.RoleFixture;
import com.placebrain.devices.it.support.ServiceDeployment;
import io.grpc.Status;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what where: every RPC that carries a user_id is one row of a matrix, run against a
 * fresh pair of places for every row. Objects are scoped place → device → sensor/actuator →
 * threshold; another scope's object is NOT_FOUND, a missing or too low role PERMISSION_DENIED,
 * and a denied call changes nothing in either place.
 */
class TenantIsolationIT extends ServiceDeployment {

    /** Place A and place B, built anew for every test (and every row of a parameterized test). */
    private Places w;

    /**
     * Place A: owner, admin and viewer; device {@code da} with sensors {@code sa} (threshold
     * {@code ta}) and {@code sa2} (threshold {@code ta2}) and actuator {@code aa}; device {@code da2}
     * with sensor {@code sx} and actuator {@code ax}. Place B: its owner; device {@code db} with
     * sensor {@code sb} (threshold {@code tb}) and actuator {@code ab}. A stranger has no role at all.
     */
    record Places(String a, String ownerA, String adminA, String viewerA, String stranger,
                  String da, String sa, String ta, String sa2, String ta2, String aa, String da2, String sx, String ax,
                  String b, String ownerB, String db, String sb, String tb, String ab) {

        /** A's own objects, addressed by {@code user} through place A. */
        Target inA(String user) {
            return new Target(user, a, da, sa, aa, ta);
        }
    }

    @BeforeEach
    void twoPlaces() {
        String a = newId();
        String ownerA = roles.newOwner(a);
        String da = fixture.createDevice(ownerA, a, "A main").getDeviceId();
        String sa = fixture.createSensor(ownerA, a, da, "temp", ValueType.VALUE_TYPE_NUMBER);
        String ta = fixture.setThreshold(ownerA, a, da, sa, ThresholdType.THRESHOLD_TYPE_MIN, 5,
                ThresholdSeverity.THRESHOLD_SEVERITY_WARNING);
        String sa2 = fixture.createSensor(ownerA, a, da, "humidity", ValueType.VALUE_TYPE_NUMBER);
        String ta2 = fixture.setThreshold(ownerA, a, da, sa2, ThresholdType.THRESHOLD_TYPE_MIN, 20,
                ThresholdSeverity.THRESHOLD_SEVERITY_WARNING);
        String aa = fixture.createNumberActuator(ownerA, a, da, "valve");
        String da2 = fixture.createDevice(ownerA, a, "A second").getDeviceId();
        String sx = fixture.createSensor(ownerA, a, da2, "temp", ValueType.VALUE_TYPE_NUMBER);
        String ax = fixture.createNumberActuator(ownerA, a, da2, "valve");

        String b = newId();
        String ownerB = roles.newOwner(b);
        String db = fixture.createDevice(ownerB, b, "B main").getDeviceId();
        String sb = fixture.createSensor(ownerB, b, db, "temp", ValueType.VALUE_TYPE_NUMBER);
        String tb = fixture.setThreshold(ownerB, b, db, sb, ThresholdType.THRESHOLD_TYPE_MIN, 5,
                ThresholdSeverity.THRESHOLD_SEVERITY_WARNING);
        String ab = fixture.createNumberActuator(ownerB, b, db, "valve");

        w = new Places(a, ownerA, roles.newMember(a, RoleFixture.ADMIN), roles.newMember(a, RoleFixture.VIEWER),
                newId(), da, sa, ta, sa2, ta2, aa, da2, sx, ax, b, ownerB, db, sb, tb, ab);
    }

    static Stream<Rpc> withUser() {
        return RegistryRpcs.withUser();
    }

    static Stream<Rpc> addressingADevice() {
        return RegistryRpcs.withUser().filter(rpc -> rpc.carries(DEVICE_ID));
    }

    static Stream<Rpc> addressingASensorOrActuator() {
        return RegistryRpcs.withUser().filter(rpc -> rpc.carries(SENSOR_ID) || rpc.carries(ACTUATOR_ID));
    }

    static Stream<Rpc> reads() {
        return RegistryRpcs.reads();
    }

    static Stream<Rpc> writes() {
        return RegistryRpcs.writes();
    }

    // ------------------------------------------------------------ (a) another place's objects through my place

    @ParameterizedTest(name = "{0}")
    @MethodSource("addressingADevice")
    void objectsOfAnotherPlaceAddressedThroughMyPlaceAreNotFound(Rpc rpc) throws SQLException {
        assertDenied(Status.Code.NOT_FOUND, rpc, new Target(w.ownerA(), w.a(), w.db(), w.sb(), w.ab(), w.tb()),
                "owner of A, B's objects under place A");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addressingASensorOrActuator")
    void childrenOfAnotherPlaceUnderMyOwnDeviceAreNotFound(Rpc rpc) throws SQLException {
        assertDenied(Status.Code.NOT_FOUND, rpc, new Target(w.ownerA(), w.a(), w.da(), w.sb(), w.ab(), w.tb()),
                "owner of A, B's sensor/actuator/threshold under A's own device");
    }

    @Test
    void listDevicesShowsOnlyThePlacesOwnDevices() {
        ListDevicesResponse listed = client.rpc().listDevices(ListDevicesRequest.newBuilder()
                .setUserId(w.ownerA()).setPlaceId(w.a()).setPage(1).setPerPage(100).build());
        assertEquals(2, listed.getTotal());
        assertEquals(List.of(w.da2(), w.da()), listed.getDevicesList().stream().map(DeviceSummary::getDeviceId).toList());
    }

    // ------------------------------------------------------------ (b) a place where I have no role

    @ParameterizedTest(name = "{0}")
    @MethodSource("withUser")
    void memberOfOnePlaceAddressingAnotherPlaceIsDenied(Rpc rpc) throws SQLException {
        assertDenied(Status.Code.PERMISSION_DENIED, rpc, new Target(w.ownerA(), w.b(), w.db(), w.sb(), w.ab(), w.tb()),
                "owner of A, place B directly");
    }

    // ------------------------------------------------------------ (c) viewers cannot write

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void viewerCannotWrite(Rpc rpc) throws SQLException {
        assertDenied(Status.Code.PERMISSION_DENIED, rpc, w.inA(w.viewerA()), "viewer of A");
    }

    // ------------------------------------------------------------ (d) no role, no access

    @ParameterizedTest(name = "{0}")
    @MethodSource("withUser")
    void userWithoutARoleIsDenied(Rpc rpc) throws SQLException {
        assertDenied(Status.Code.PERMISSION_DENIED, rpc, w.inA(w.stranger()), "user without a role in A");
    }

    // ------------------------------------------------------------ (e) another device's / sensor's children

    @ParameterizedTest(name = "{0}")
    @MethodSource("addressingASensorOrActuator")
    void childOfOneDeviceAddressedUnderAnotherDeviceIsNotFound(Rpc rpc) throws SQLException {
        assertDenied(Status.Code.NOT_FOUND, rpc, new Target(w.ownerA(), w.a(), w.da2(), w.sa(), w.aa(), w.ta()),
                "owner of A, da's sensor/actuator/threshold under da2");
    }

    @Test
    void thresholdOfOneSensorAddressedUnderAnotherSensorIsNotFound() throws SQLException {
        List<String> before = Database.snapshot(w.a(), w.b());
        assertStatus(Status.Code.NOT_FOUND, () -> deleteThreshold(w.da(), w.sa2(), w.ta()),
                "DeleteThreshold: ta of sa under sa2 of the same device");
        assertStatus(Status.Code.NOT_FOUND, () -> deleteThreshold(w.da(), w.sa(), w.ta2()),
                "DeleteThreshold: ta2 of sa2 under sa of the same device");
        assertStatus(Status.Code.NOT_FOUND, () -> deleteThreshold(w.da(), w.sa(), w.tb()),
                "DeleteThreshold: tb of place B under sa");
        assertStatus(Status.Code.NOT_FOUND, () -> deleteThreshold(w.da(), w.sa(), newId()),
                "DeleteThreshold: unknown threshold");
        assertEquals(before, Database.snapshot(w.a(), w.b()), "nothing deleted");
        assertEquals(List.of(w.ta()), client.rpc().listThresholds(ListThresholdsRequest.newBuilder()
                .setUserId(w.ownerA()).setPlaceId(w.a()).setDeviceId(w.da()).setSensorId(w.sa()).build())
                .getThresholdsList().stream().map(ThresholdInfo::getThresholdId).toList());
    }

    // ------------------------------------------------------------ role is checked before existence

    @ParameterizedTest(name = "{0}")
    @MethodSource("withUser")
    void roleIsCheckedBeforeExistence(Rpc rpc) throws SQLException {
        Target unknown = new Target(w.stranger(), w.a(), newId(), newId(), newId(), newId());
        assertDenied(Status.Code.PERMISSION_DENIED, rpc, unknown, "user without a role, unknown objects");
        assertDenied(Status.Code.PERMISSION_DENIED, rpc,
                new Target(w.ownerA(), newId(), newId(), newId(), newId(), newId()),
                "owner of A, unknown place and objects");
        if (rpc.access() == RegistryRpcs.Access.WRITE) {
            assertDenied(Status.Code.PERMISSION_DENIED, rpc, new Target(w.viewerA(), w.a(), newId(), newId(), newId(),
                    newId()), "viewer of A, unknown objects");
        }
    }

    // ------------------------------------------------------------ who may

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void adminCanWrite(Rpc rpc) throws SQLException {
        List<String> before = Database.snapshot(w.a(), w.b());
        assertNotNull(rpc.call(client, w.inA(w.adminA())), rpc + " by the admin of A");
        List<String> after = Database.snapshot(w.a(), w.b());
        assertNotEquals(before, after, rpc + " by the admin of A changed place A");
        assertEquals(before.stream().filter(row -> isPlaceB(row)).toList(),
                after.stream().filter(row -> isPlaceB(row)).toList(), rpc + " left place B alone");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void viewerCanRead(Rpc rpc) throws SQLException {
        List<String> before = Database.snapshot(w.a(), w.b());
        assertNotNull(rpc.call(client, w.inA(w.viewerA())), rpc + " by the viewer of A");
        assertEquals(before, Database.snapshot(w.a(), w.b()), rpc + " is a read");
    }

    @Test
    void viewerSeesThePlaceAsItIs() {
        Target v = w.inA(w.viewerA());
        assertEquals(w.da(), client.rpc().getDevice(GetDeviceRequest.newBuilder().setUserId(v.user()).setPlaceId(w.a())
                .setDeviceId(w.da()).build()).getDevice().getDeviceId());
        assertEquals(List.of("humidity", "temp"), client.rpc().listSensors(ListSensorsRequest.newBuilder()
                .setUserId(v.user()).setPlaceId(w.a()).setDeviceId(w.da()).build())
                .getSensorsList().stream().map(SensorInfo::getKey).toList());
        assertEquals(List.of(w.aa()), client.rpc().listActuators(ListActuatorsRequest.newBuilder()
                .setUserId(v.user()).setPlaceId(w.a()).setDeviceId(w.da()).build())
                .getActuatorsList().stream().map(ActuatorInfo::getActuatorId).toList());
        assertEquals(List.of(w.ta()), client.rpc().listThresholds(ListThresholdsRequest.newBuilder()
                .setUserId(v.user()).setPlaceId(w.a()).setDeviceId(w.da()).setSensorId(w.sa()).build())
                .getThresholdsList().stream().map(ThresholdInfo::getThresholdId).toList());
        assertEquals(List.of(w.sx()), client.rpc().listSensors(ListSensorsRequest.newBuilder()
                .setUserId(v.user()).setPlaceId(w.a()).setDeviceId(w.da2()).build())
                .getSensorsList().stream().map(SensorInfo::getSensorId).toList());
        assertEquals(List.of(w.ax()), client.rpc().listActuators(ListActuatorsRequest.newBuilder()
                .setUserId(v.user()).setPlaceId(w.a()).setDeviceId(w.da2()).build())
                .getActuatorsList().stream().map(ActuatorInfo::getActuatorId).toList());
    }

    // ------------------------------------------------------------ helpers

    /** The call fails with {@code code} and neither place changes. */
    private void assertDenied(Status.Code code, Rpc rpc, Target target, String who) throws SQLException {
        List<String> before = Database.snapshot(w.a(), w.b());
        assertStatus(code, () -> rpc.call(client, target), rpc + " (" + who + ")");
        assertEquals(before, Database.snapshot(w.a(), w.b()), rpc + " (" + who + ") changed nothing");
    }

    private boolean isPlaceB(String row) {
        return row.contains(w.b()) || row.contains(w.db()) || row.contains(w.sb());
    }

    private void deleteThreshold(String device, String sensor, String threshold) {
        client.rpc().deleteThreshold(DeleteThresholdRequest.newBuilder().setUserId(w.ownerA()).setPlaceId(w.a())
                .setDeviceId(device).setSensorId(sensor).setThresholdId(threshold).build());
    }
}

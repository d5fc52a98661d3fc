package com.placebrain.devices.it.registry;

import static com.placebrain.devices.it.support.Database.bcryptMatches;
import static com.placebrain.devices.it.support.GrpcStatus.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.ActuatorInfo;
import com.placebrain.devices.grpc.v1.DeviceInfo;
import com.placebrain.devices.grpc.v1.DeviceStatus;
import com.placebrain.devices.grpc.v1.DeviceSummary;
import com.placebrain.devices.grpc.v1.GetAllThresholdsRequest;
import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.GetSensorThresholdsRequest;
import com.placebrain.devices.grpc.v1.ListActuatorsRequest;
import com.placebrain.devices.grpc.v1.ListDevicesRequest;
import com.placebrain.devices.grpc.v1.ListDevicesResponse;
import com.placebrain.devices.grpc.v1.ListSensorsRequest;
import com.placebrain.devices.grpc.v1.ListThresholdsRequest;
import com.placebrain.devices.grpc.v1.SendCommandRequest;
import com.placebrain.devices.grpc.v1.SensorInfo;
import com.placebrain.devices.grpc.v1.SensorWithThresholds;
import com.placebrain.devices.grpc.v1.ThresholdInfo;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.grpc.v1.ValueType;
import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.RoleFixture;
import com.placebrain.devices.it.support.ServiceDeployment;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Python service's data (fixtures/python-service-db.sql) read through the registry RPCs, and
 * commanded through SendCommand (which reads the rows and publishes to the MQTT broker).
 * READ ONLY: other tests compare these rows with a pristine copy, so nothing here may write them.
 */
class FixtureRegistryIT extends ServiceDeployment {

    static final String PLACE = "0195f6a0-0000-7000-8000-0000000000aa";
    static final String BOILER = "0195f6a0-0000-7000-8000-000000000001";
    static final String HALL = "0195f6a0-0000-7000-8000-000000000002";
    static final String TEMP = "0195f6a0-0000-7000-8000-000000000011";
    static final String LEAK = "0195f6a0-0000-7000-8000-000000000012";
    static final String FLOW = "0195f6a0-0000-7000-8000-000000000013";
    static final String TEMP_MAX = "0195f6a0-0000-7000-8000-000000000021";
    static final String TEMP_MIN = "0195f6a0-0000-7000-8000-000000000022";
    static final String TEMP_MAX_2 = "0195f6a0-0000-7000-8000-000000000023";
    static final String VALVE = "0195f6a0-0000-7000-8000-000000000031";
    static final String SCENE = "0195f6a0-0000-7000-8000-000000000032";
    static final String PUMP = "0195f6a0-0000-7000-8000-000000000033";
    static final String DIMMER = "0195f6a0-0000-7000-8000-000000000034";
    static final String MODE = "0195f6a0-0000-7000-8000-000000000035";

    static final String BOILER_TOKEN = "pb-demo-token-7Qm2Xc9VZrK1sTqLw0aYbN3eF5gH8jD4uPiO6";
    static final String HALL_TOKEN = "pb-demo-token-y-Hk2Lq9Rz0Wm4Ns7Tv1Bx3Cd6Ef8Gj5";
    static final String BOILER_HASH = "$2b$10$5JCUltb9AGL1HBbQftdEKOfKur3QWmJYKQlN4kOMroO3E7Mj2KRfi";
    static final String HALL_HASH = "$2y$10$DJieHon1EKTGINRuoHIuEuwiJQ.ASBlKWIcMA6.rWBrnUaVvOg2/G";

    private static final List<String> TABLES = List.of("devices", "sensors", "actuators", "sensor_thresholds");

    private static final SensorInfo TEMP_INFO = SensorInfo.newBuilder().setSensorId(TEMP).setDeviceId(BOILER)
            .setKey("temp").setName("Water temperature").setValueType(ValueType.VALUE_TYPE_NUMBER)
            .setUnitLabel("\u00b0C").setPrecision(1).build();
    private static final SensorInfo LEAK_INFO = SensorInfo.newBuilder().setSensorId(LEAK).setDeviceId(BOILER)
            .setKey("leak").setName("Leak detector").setValueType(ValueType.VALUE_TYPE_BOOLEAN)
            .setUnitLabel("").setPrecision(0).build();
    /** A key with a space: keys are free text in the original. */
    private static final SensorInfo FLOW_INFO = SensorInfo.newBuilder().setSensorId(FLOW).setDeviceId(BOILER)
            .setKey("flow rate").setName("Flow rate").setValueType(ValueType.VALUE_TYPE_NUMBER)
            .setUnitLabel("l/min").setPrecision(2).build();
    private static final ActuatorInfo VALVE_INFO = ActuatorInfo.newBuilder().setActuatorId(VALVE).setDeviceId(BOILER)
            .setKey("valve").setName("Mixing valve").setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("%")
            .setPrecision(0).setMinValue(0).setMaxValue(100).setStep(5).build();
    private static final ActuatorInfo SCENE_INFO = ActuatorInfo.newBuilder().setActuatorId(SCENE).setDeviceId(HALL)
            .setKey("scene").setName("Scene").setValueType(ValueType.VALUE_TYPE_ENUM).setUnitLabel("")
            .setPrecision(0).setMinValue(0).setMaxValue(0).setStep(0).addAllEnumOptions(List.of("off", "day", "night"))
            .build();
    // As the original's CreateActuator writes them: 0.0 for every unset number, JSON null options.
    private static final ActuatorInfo PUMP_INFO = ActuatorInfo.newBuilder().setActuatorId(PUMP).setDeviceId(BOILER)
            .setKey("pump").setName("Circulation pump").setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("rpm")
            .setPrecision(0).setMinValue(0).setMaxValue(0).setStep(0).build();
    private static final ActuatorInfo DIMMER_INFO = ActuatorInfo.newBuilder().setActuatorId(DIMMER).setDeviceId(HALL)
            .setKey("dimmer").setName("Dimmer").setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("%")
            .setPrecision(0).setMinValue(0).setMaxValue(100).setStep(0).build();
    private static final ActuatorInfo MODE_INFO = ActuatorInfo.newBuilder().setActuatorId(MODE).setDeviceId(HALL)
            .setKey("mode").setName("Mode").setValueType(ValueType.VALUE_TYPE_ENUM).setUnitLabel("")
            .setPrecision(0).setMinValue(0).setMaxValue(0).setStep(0).build();
    /** Two MAX CRITICAL thresholds: the original stores any number per (sensor, type, severity). */
    private static final List<ThresholdInfo> TEMP_THRESHOLDS = List.of(
            ThresholdInfo.newBuilder().setThresholdId(TEMP_MIN).setSensorId(TEMP).setType(ThresholdType.THRESHOLD_TYPE_MIN)
                    .setValue(5.0).setSeverity(ThresholdSeverity.THRESHOLD_SEVERITY_WARNING).build(),
            ThresholdInfo.newBuilder().setThresholdId(TEMP_MAX).setSensorId(TEMP).setType(ThresholdType.THRESHOLD_TYPE_MAX)
                    .setValue(85.0).setSeverity(ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL).build(),
            ThresholdInfo.newBuilder().setThresholdId(TEMP_MAX_2).setSensorId(TEMP).setType(ThresholdType.THRESHOLD_TYPE_MAX)
                    .setValue(90.0).setSeverity(ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL).build());

    private static String viewer;
    private static String admin;

    @BeforeAll
    static void connect() {
        viewer = roles.newMember(PLACE, RoleFixture.VIEWER);
        admin = roles.newMember(PLACE, RoleFixture.ADMIN);
    }

    @Test
    void listDevicesReturnsBothFixtureDevicesNewestFirst() {
        ListDevicesResponse listed = client.rpc().listDevices(ListDevicesRequest.newBuilder()
                .setUserId(viewer).setPlaceId(PLACE).setPage(1).setPerPage(20).build());
        assertEquals(ListDevicesResponse.newBuilder().setTotal(2)
                .addDevices(DeviceSummary.newBuilder().setDeviceId(HALL).setPlaceId(PLACE).setName("Hall lights")
                        .setStatus(DeviceStatus.DEVICE_STATUS_OFFLINE).setLastSeenAt(""))
                .addDevices(DeviceSummary.newBuilder().setDeviceId(BOILER).setPlaceId(PLACE).setName("Boiler room")
                        .setStatus(DeviceStatus.DEVICE_STATUS_ONLINE).setLastSeenAt("2026-04-17T10:15:30.123456+00:00"))
                .build(), listed);
    }

    @Test
    void getDeviceOfTheBoilerReturnsItsSensorsAndActuators() {
        assertEquals(DeviceInfo.newBuilder().setDeviceId(BOILER).setPlaceId(PLACE).setName("Boiler room")
                        .setStatus(DeviceStatus.DEVICE_STATUS_ONLINE).setLastSeenAt("2026-04-17T10:15:30.123456+00:00")
                        .setCreatedAt("2026-03-20T08:00:00+00:00").setUpdatedAt("2026-04-17T10:15:30.123456+00:00")
                        .addSensors(FLOW_INFO).addSensors(LEAK_INFO).addSensors(TEMP_INFO)
                        .addActuators(PUMP_INFO).addActuators(VALVE_INFO).build(),
                getDevice(BOILER), "timestamps as Python's isoformat() writes them; a stored min 0 comes back as 0");
        assertEquals(List.of(FLOW_INFO, LEAK_INFO, TEMP_INFO), client.rpc().listSensors(ListSensorsRequest.newBuilder()
                .setUserId(viewer).setPlaceId(PLACE).setDeviceId(BOILER).build()).getSensorsList());
        assertEquals(List.of(PUMP_INFO, VALVE_INFO), client.rpc().listActuators(ListActuatorsRequest.newBuilder()
                .setUserId(viewer).setPlaceId(PLACE).setDeviceId(BOILER).build()).getActuatorsList(),
                "the pump's 0.0/0.0/0.0 and JSON null: no range, no step, no options");
    }

    @Test
    void getDeviceOfTheHallReturnsItsActuators() {
        assertEquals(DeviceInfo.newBuilder().setDeviceId(HALL).setPlaceId(PLACE).setName("Hall lights")
                        .setStatus(DeviceStatus.DEVICE_STATUS_OFFLINE).setLastSeenAt("")
                        .setCreatedAt("2026-03-21T09:30:00+00:00").setUpdatedAt("2026-03-21T09:30:00+00:00")
                        .addActuators(DIMMER_INFO).addActuators(MODE_INFO).addActuators(SCENE_INFO).build(),
                getDevice(HALL));
        assertEquals(List.of(), client.rpc().listSensors(ListSensorsRequest.newBuilder()
                .setUserId(viewer).setPlaceId(PLACE).setDeviceId(HALL).build()).getSensorsList());
        assertEquals(List.of(DIMMER_INFO, MODE_INFO, SCENE_INFO), client.rpc().listActuators(ListActuatorsRequest
                .newBuilder().setUserId(viewer).setPlaceId(PLACE).setDeviceId(HALL).build()).getActuatorsList(),
                "an ENUM actuator with JSON null options has none");
    }

    @Test
    void commandsToTheFixtureActuatorsFollowTheContractsRule() {
        // 'pump' (0.0/0.0/0.0): no range, no step.
        for (String value : List.of("-5", "1e6", "0", "12.345")) {
            assertTrue(sendCommand(BOILER, "pump", value), "pump takes " + value);
        }
        // 'dimmer' (0.0/100.0/0.0): 0 and 100 are bounds.
        for (String value : List.of("0", "100", "37.5")) {
            assertTrue(sendCommand(HALL, "dimmer", value), "dimmer takes " + value);
        }
        for (String value : List.of("-5", "101")) {
            assertInvalid("value", () -> sendCommand(HALL, "dimmer", value), "dimmer refuses " + value);
        }
        // 'mode' (ENUM, JSON null options): any non-empty value, as in the original.
        for (String value : List.of("eco", "anything at all", "42")) {
            assertTrue(sendCommand(HALL, "mode", value), "mode takes " + value);
        }
        assertInvalid("value", () -> sendCommand(HALL, "mode", ""), "mode refuses an empty value");
        // 'valve' (0/100/5, NULL options) and 'scene' (NULL numbers, three options).
        assertTrue(sendCommand(BOILER, "valve", "0"));
        assertInvalid("value", () -> sendCommand(BOILER, "valve", "-5"), "valve refuses -5");
        assertInvalid("value", () -> sendCommand(BOILER, "valve", "7"), "valve refuses 7 (step 5)");
        assertTrue(sendCommand(HALL, "scene", "night"));
        assertInvalid("value", () -> sendCommand(HALL, "scene", "eco"), "scene refuses eco");
    }

    @Test
    void thresholdsOfTheFixtureAreListedMinWarningThenBothMaxCritical() {
        assertEquals(TEMP_THRESHOLDS, client.rpc().listThresholds(ListThresholdsRequest.newBuilder()
                .setUserId(viewer).setPlaceId(PLACE).setDeviceId(BOILER).setSensorId(TEMP).build()).getThresholdsList(),
                "stored MAX first, listed MIN first; both MAX CRITICAL");
        assertEquals(List.of(), client.rpc().listThresholds(ListThresholdsRequest.newBuilder()
                .setUserId(viewer).setPlaceId(PLACE).setDeviceId(BOILER).setSensorId(LEAK).build()).getThresholdsList());
        assertEquals(TEMP_THRESHOLDS, client.rpc().getSensorThresholds(GetSensorThresholdsRequest.newBuilder()
                .setSensorId(TEMP).build()).getThresholdsList());

        List<SensorWithThresholds> fixture = client.rpc().getAllThresholds(GetAllThresholdsRequest.getDefaultInstance())
                .getSensorsList().stream().filter(s -> s.getSensorId().equals(TEMP) || s.getSensorId().equals(LEAK)
                        || s.getSensorId().equals(FLOW)).toList();
        assertEquals(List.of(SensorWithThresholds.newBuilder().setSensorId(TEMP).setDeviceId(BOILER).setPlaceId(PLACE)
                .setKey("temp").addAllThresholds(TEMP_THRESHOLDS).build()), fixture,
                "GetAllThresholds has the fixture's temp sensor once, with both MAX CRITICAL, and not its other sensors");
    }

    @Test
    void fixtureTokenHashesAreKeptAndVerifyTheirTokens() throws SQLException {
        String boiler = Database.tokenHash(BOILER);
        String hall = Database.tokenHash(HALL);
        assertEquals(BOILER_HASH, boiler, "the $2b$ hash of the Python service is kept as it was");
        assertEquals(HALL_HASH, hall, "the $2y$ hash of htpasswd is kept as it was");
        assertTrue(bcryptMatches(BOILER_TOKEN, boiler), "$2b$ hash verifies the boiler's token");
        assertTrue(bcryptMatches(HALL_TOKEN, hall), "$2y$ hash verifies the hall's token");
        assertFalse(bcryptMatches(HALL_TOKEN, boiler), "and not each other's");
        assertFalse(bcryptMatches(BOILER_TOKEN, hall), "and not each other's");
    }

    @Test
    void readingTheFixtureChangedNoRow() throws SQLException {
        // The reads and commands of this class (in any order) touch nothing: same rows as the
        // never-adopted copy.
        getDevice(BOILER);
        getDevice(HALL);
        sendCommand(BOILER, "pump", "1");
        try (Connection pristine = Database.connect("devices_test_pristine");
             Connection adopted = Database.connect()) {
            for (String table : TABLES) {
                Map<String, String> expected = Database.pythonRowsById(pristine, table, null);
                assertFalse(expected.isEmpty(), table + " has fixture rows");
                assertEquals(expected, Database.pythonRowsById(adopted, table, List.copyOf(expected.keySet())), table);
            }
        }
    }

    private static boolean sendCommand(String device, String actuatorKey, String value) {
        return client.rpc().sendCommand(SendCommandRequest.newBuilder().setUserId(admin).setPlaceId(PLACE)
                .setDeviceId(device).setActuatorKey(actuatorKey).setValue(value).build()).getSuccess();
    }

    private static DeviceInfo getDevice(String device) {
        return client.rpc().getDevice(GetDeviceRequest.newBuilder()
                .setUserId(viewer).setPlaceId(PLACE).setDeviceId(device).build()).getDevice();
    }
}

package com.placebrain.devices.it.registry;

import static com.placebrain.devices.it.registry.WireValues.assertCanonicalUuidV7;
import static com.placebrain.devices.it.support.Database.count;
import static com.placebrain.devices.it.support.GrpcStatus.assertInvalid;
import static com.placebrain.devices.it.support.GrpcStatus.assertStatus;
import static com.placebrain.devices.it.support.Ids.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.ActuatorInfo;
import com.placebrain.devices.grpc.v1.CreateActuatorRequest;
import com.placebrain.devices.grpc.v1.CreateSensorRequest;
import com.placebrain.devices.grpc.v1.DeleteActuatorRequest;
import com.placebrain.devices.grpc.v1.DeleteSensorRequest;
import com.placebrain.devices.grpc.v1.DeleteThresholdRequest;
import com.placebrain.devices.grpc.v1.GetAllThresholdsRequest;
import com.placebrain.devices.grpc.v1.GetSensorThresholdsRequest;
import com.placebrain.devices.grpc.v1.ListActuatorsRequest;
import com.placebrain.devices.grpc.v1.ListSensorsRequest;
import com.placebrain.devices.grpc.v1.ListThresholdsRequest;
import com.placebrain.devices.grpc.v1.SendCommandRequest;
import com.placebrain.devices.grpc.v1.SensorInfo;
import com.placebrain.devices.grpc.v1.SensorWithThresholds;
import com.placebrain.devices.grpc.v1.SetThresholdRequest;
import com.placebrain.devices.grpc.v1.ThresholdInfo;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.grpc.v1.UpdateActuatorRequest;
import com.placebrain.devices.grpc.v1.UpdateSensorRequest;
import com.placebrain.devices.grpc.v1.ValueType;
import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.ServiceDeployment;
import io.grpc.Status;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RPCs 7-18 and 26: sensors, actuators and thresholds of a device. */
class SensorActuatorThresholdIT extends ServiceDeployment {

    private static final ThresholdType MIN = ThresholdType.THRESHOLD_TYPE_MIN;
    private static final ThresholdType MAX = ThresholdType.THRESHOLD_TYPE_MAX;
    private static final ThresholdSeverity WARNING = ThresholdSeverity.THRESHOLD_SEVERITY_WARNING;
    private static final ThresholdSeverity CRITICAL = ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL;
    /** Threshold order of the contract: type MIN before MAX, then WARNING before CRITICAL. */
    private static final Comparator<ThresholdInfo> THRESHOLD_ORDER = Comparator
            .comparingInt(ThresholdInfo::getTypeValue).thenComparingInt(ThresholdInfo::getSeverityValue);

    /** A fresh place, its owner and one device, for every test. */
    private String place;
    private String owner;
    private String device;

    @BeforeEach
    void freshDevice() {
        place = newId();
        owner = roles.newOwner(place);
        device = fixture.createDevice(owner, place, "Device").getDeviceId();
    }

    // ------------------------------------------------------------ sensors

    @Test
    void sensorsAreCreatedListedByKeyUpdatedAndDeleted() throws SQLException {
        String temp = createSensor(device, "temp", "Water temperature", ValueType.VALUE_TYPE_NUMBER, "\u00b0C", 2);
        String humidity = createSensor(device, "humidity", "Humidity", ValueType.VALUE_TYPE_NUMBER, "%", 0);
        String co2 = createSensor(device, "co2", "CO2", ValueType.VALUE_TYPE_NUMBER, "ppm", 0);
        String door = createSensor(device, "door", "Door contact", ValueType.VALUE_TYPE_BOOLEAN, "", 0);
        for (String id : List.of(temp, humidity, co2, door)) {
            assertCanonicalUuidV7(id, "sensor_id");
        }

        assertEquals(List.of(
                sensor(co2, "co2", "CO2", ValueType.VALUE_TYPE_NUMBER, "ppm", 0),
                sensor(door, "door", "Door contact", ValueType.VALUE_TYPE_BOOLEAN, "", 0),
                sensor(humidity, "humidity", "Humidity", ValueType.VALUE_TYPE_NUMBER, "%", 0),
                sensor(temp, "temp", "Water temperature", ValueType.VALUE_TYPE_NUMBER, "\u00b0C", 2)),
                listSensors(device), "ordered by key");

        assertEquals(temp, client.rpc().updateSensor(UpdateSensorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setSensorId(temp)
                .setName("Flow temperature").setUnitLabel("K").setPrecision(3).build()).getSensorId());
        assertEquals(sensor(temp, "temp", "Flow temperature", ValueType.VALUE_TYPE_NUMBER, "K", 3),
                listSensors(device).get(3), "name, unit_label and precision change; key and value_type stay");

        assertTrue(client.rpc().deleteSensor(DeleteSensorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setSensorId(humidity).build()).getSuccess());
        assertEquals(List.of("co2", "door", "temp"), listSensors(device).stream().map(SensorInfo::getKey).toList());
        assertEquals(0, count("SELECT count(*) FROM sensors WHERE id = ?::uuid", humidity));

        assertStatus(Status.Code.NOT_FOUND, () -> client.rpc().deleteSensor(DeleteSensorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setSensorId(humidity).build()),
                "second delete");
        assertStatus(Status.Code.NOT_FOUND, () -> client.rpc().updateSensor(UpdateSensorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setSensorId(newId())
                .setName("Ghost").setUnitLabel("").setPrecision(0).build()), "update of an unknown sensor");
        assertStatus(Status.Code.NOT_FOUND, () -> listSensors(newId()), "sensors of an unknown device");
    }

    @Test
    void sensorKeyIsUniquePerDevice() throws SQLException {
        String other = fixture.createDevice(owner, place, "Other").getDeviceId();
        String first = createSensor(device, "temp", "Temperature", ValueType.VALUE_TYPE_NUMBER, "\u00b0C", 1);

        assertStatus(Status.Code.ALREADY_EXISTS,
                () -> createSensor(device, "temp", "Again", ValueType.VALUE_TYPE_BOOLEAN, "", 0), "same key, same device");
        assertEquals(List.of(sensor(first, "temp", "Temperature", ValueType.VALUE_TYPE_NUMBER, "\u00b0C", 1)),
                listSensors(device), "the first sensor is unchanged and alone");
        assertEquals(1, count("SELECT count(*) FROM sensors WHERE device_id = ?::uuid", device));

        String onOther = createSensor(other, "temp", "Temperature", ValueType.VALUE_TYPE_NUMBER, "\u00b0C", 1);
        assertEquals(List.of(sensor(onOther, other, "temp", "Temperature", ValueType.VALUE_TYPE_NUMBER, "\u00b0C", 1)),
                listSensors(other), "the same key on another device is fine");
    }

    @Test
    void sensorValueTypeEnumIsRejected() throws SQLException {
        assertInvalid("value_type",
                () -> createSensor(device, "mode", "Mode", ValueType.VALUE_TYPE_ENUM, "", 0), "sensor of type ENUM");
        assertEquals(0, count("SELECT count(*) FROM sensors WHERE device_id = ?::uuid", device));
    }

    // ------------------------------------------------------------ actuators

    @Test
    void actuatorsAreCreatedListedByKeyUpdatedAndDeleted() throws SQLException {
        String valve = client.rpc().createActuator(actuatorRequest(device, "valve", "Mixing valve",
                ValueType.VALUE_TYPE_NUMBER, "%", 0).setMinValue(0).setMaxValue(100).setStep(5).build()).getActuatorId();
        String pump = client.rpc().createActuator(actuatorRequest(device, "pump", "Pump",
                ValueType.VALUE_TYPE_BOOLEAN, "", 0).build()).getActuatorId();
        String mode = client.rpc().createActuator(actuatorRequest(device, "mode", "Mode",
                ValueType.VALUE_TYPE_ENUM, "", 0).addAllEnumOptions(List.of("eco", "comfort", "off")).build())
                .getActuatorId();
        String heater = client.rpc().createActuator(actuatorRequest(device, "heater", "Heater",
                ValueType.VALUE_TYPE_NUMBER, "\u00b0C", 1).setMinValue(-20).setMaxValue(40.5).setStep(0.5).build())
                .getActuatorId();
        for (String id : List.of(valve, pump, mode, heater)) {
            assertCanonicalUuidV7(id, "actuator_id");
        }

        assertEquals(List.of(
                actuator(heater, "heater", "Heater", ValueType.VALUE_TYPE_NUMBER, "\u00b0C", 1).setMinValue(-20)
                        .setMaxValue(40.5).setStep(0.5).build(),
                actuator(mode, "mode", "Mode", ValueType.VALUE_TYPE_ENUM, "", 0)
                        .addAllEnumOptions(List.of("eco", "comfort", "off")).build(),
                actuator(pump, "pump", "Pump", ValueType.VALUE_TYPE_BOOLEAN, "", 0).build(),
                actuator(valve, "valve", "Mixing valve", ValueType.VALUE_TYPE_NUMBER, "%", 0).setMinValue(0)
                        .setMaxValue(100).setStep(5).build()),
                listActuators(device), "ordered by key; 0 = not set comes back as 0, enum options keep their order");
        String numbers = """
                SELECT coalesce(min_value::numeric(10,1)::text, 'NULL') || '|'
                       || coalesce(max_value::numeric(10,1)::text, 'NULL') || '|'
                       || coalesce(step::numeric(10,1)::text, 'NULL') FROM actuators WHERE id = ?::uuid""";
        assertEquals("0.0|100.0|5.0", Database.single(numbers, valve),
                "min 0 with max 100 is a range: both bounds are stored");
        assertEquals("-20.0|40.5|0.5", Database.single(numbers, heater));
        assertEquals("NULL|NULL|NULL|NULL", Database.single("""
                SELECT coalesce(min_value::text, 'NULL') || '|' || coalesce(max_value::text, 'NULL') || '|'
                       || coalesce(step::text, 'NULL') || '|' || coalesce(enum_options::text, 'NULL')
                FROM actuators WHERE id = ?::uuid""", pump), "a BOOLEAN actuator has no limits and no options");

        assertEquals(valve, client.rpc().updateActuator(UpdateActuatorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setActuatorId(valve)
                .setName("Valve").setUnitLabel("percent").setPrecision(1).setMinValue(10).setMaxValue(90).setStep(0)
                .build()).getActuatorId());
        assertEquals(mode, client.rpc().updateActuator(UpdateActuatorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setActuatorId(mode)
                .setName("Scene").setUnitLabel("").setPrecision(0).addAllEnumOptions(List.of("night", "day"))
                .build()).getActuatorId());
        List<ActuatorInfo> updated = listActuators(device);
        assertEquals(actuator(mode, "mode", "Scene", ValueType.VALUE_TYPE_ENUM, "", 0)
                .addAllEnumOptions(List.of("night", "day")).build(), updated.get(1), "enum options replaced");
        assertEquals(actuator(valve, "valve", "Valve", ValueType.VALUE_TYPE_NUMBER, "percent", 1).setMinValue(10)
                .setMaxValue(90).setStep(0).build(), updated.get(3), "limits replaced, step 0 = not set");

        assertTrue(client.rpc().deleteActuator(DeleteActuatorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setActuatorId(pump).build()).getSuccess());
        assertEquals(List.of("heater", "mode", "valve"),
                listActuators(device).stream().map(ActuatorInfo::getKey).toList());
        assertStatus(Status.Code.NOT_FOUND, () -> client.rpc().deleteActuator(DeleteActuatorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setActuatorId(pump).build()), "second delete");
        assertStatus(Status.Code.NOT_FOUND, () -> client.rpc().updateActuator(UpdateActuatorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setActuatorId(newId())
                .setName("Ghost").setUnitLabel("").setPrecision(0).build()), "update of an unknown actuator");
        assertStatus(Status.Code.NOT_FOUND, () -> listActuators(newId()), "actuators of an unknown device");
    }

    /**
     * As the gateway sends them: 0 for every empty number. A 0-100 % valve keeps 0 as its bound, a
     * key may hold blanks, and an ENUM actuator without options takes any value (SendCommand goes
     * to the MQTT broker on 127.0.0.1:1883).
     */
    @Test
    void actuatorsAsTheGatewayCreatesThemAreCommandedByTheContractsRule() {
        client.rpc().createActuator(actuatorRequest(device, "main valve", "Main valve", ValueType.VALUE_TYPE_NUMBER,
                "%", 0).setMinValue(0).setMaxValue(100).setStep(0).build());
        client.rpc().createActuator(actuatorRequest(device, "speed", "", ValueType.VALUE_TYPE_NUMBER, "rpm", 0)
                .setMinValue(0).setMaxValue(0).setStep(0).build());
        client.rpc().createActuator(actuatorRequest(device, "mode", "Mode", ValueType.VALUE_TYPE_ENUM, "", 0).build());

        for (String value : List.of("0", "100", "55.5")) {
            assertTrue(sendCommand("main valve", value), "main valve takes " + value);
        }
        for (String value : List.of("-5", "100.5")) {
            assertInvalid("value", () -> sendCommand("main valve", value), "main valve refuses " + value);
        }
        for (String value : List.of("-5", "1e6")) {
            assertTrue(sendCommand("speed", value), "speed (no range) takes " + value);
        }
        assertTrue(sendCommand("mode", "whatever"), "an ENUM actuator without options takes any value");
        assertInvalid("value", () -> sendCommand("mode", ""), "but not an empty one");
        assertStatus(Status.Code.NOT_FOUND, () -> sendCommand("main", "1"), "keys are matched whole");
    }

    private boolean sendCommand(String actuatorKey, String value) {
        return client.rpc().sendCommand(SendCommandRequest.newBuilder().setUserId(owner).setPlaceId(place)
                .setDeviceId(device).setActuatorKey(actuatorKey).setValue(value).build()).getSuccess();
    }

    @Test
    void actuatorKeyIsUniquePerDevice() throws SQLException {
        String other = fixture.createDevice(owner, place, "Other").getDeviceId();
        String first = client.rpc().createActuator(actuatorRequest(device, "pump", "Pump",
                ValueType.VALUE_TYPE_BOOLEAN, "", 0).build()).getActuatorId();

        assertStatus(Status.Code.ALREADY_EXISTS, () -> client.rpc().createActuator(actuatorRequest(device, "pump",
                "Pump again", ValueType.VALUE_TYPE_NUMBER, "", 0).setMaxValue(3).build()), "same key, same device");
        assertEquals(List.of(actuator(first, "pump", "Pump", ValueType.VALUE_TYPE_BOOLEAN, "", 0).build()),
                listActuators(device), "the first actuator is unchanged and alone");
        assertEquals(1, count("SELECT count(*) FROM actuators WHERE device_id = ?::uuid", device));

        String onOther = client.rpc().createActuator(actuatorRequest(other, "pump", "Pump",
                ValueType.VALUE_TYPE_BOOLEAN, "", 0).build()).getActuatorId();
        assertEquals(List.of(onOther), listActuators(other).stream().map(ActuatorInfo::getActuatorId).toList(),
                "the same key on another device is fine");
    }

    // ------------------------------------------------------------ thresholds

    @Test
    void thresholdsAreSetListedInStableOrderAndDeleted() {
        String sensor = createSensor(device, "temp", "Temperature", ValueType.VALUE_TYPE_NUMBER, "\u00b0C", 1);
        // Set in an order that is neither the listing order nor its reverse.
        String maxCritical = setThreshold(sensor, MAX, 90, CRITICAL);
        String minWarning = setThreshold(sensor, MIN, 10.25, WARNING);
        String maxWarning = setThreshold(sensor, MAX, 80, WARNING);
        String minCritical = setThreshold(sensor, MIN, -5.5, CRITICAL);
        for (String id : List.of(maxCritical, minWarning, maxWarning, minCritical)) {
            assertCanonicalUuidV7(id, "threshold_id");
        }
        List<ThresholdInfo> all = List.of(
                threshold(minWarning, sensor, MIN, 10.25, WARNING),
                threshold(minCritical, sensor, MIN, -5.5, CRITICAL),
                threshold(maxWarning, sensor, MAX, 80, WARNING),
                threshold(maxCritical, sensor, MAX, 90, CRITICAL));

        assertEquals(all, listThresholds(sensor), "MIN before MAX, then WARNING before CRITICAL");
        assertEquals(all, getSensorThresholds(sensor), "GetSensorThresholds lists the same, in the same order");

        // Not unique, as in the original (the front end lets a user add a second MAX warning): the
        // same type and severity again, even with the same value, is a threshold of its own.
        String secondMinWarning = setThreshold(sensor, MIN, 12, WARNING);
        String sameMaxCritical = setThreshold(sensor, MAX, 90, CRITICAL);
        List<ThresholdInfo> withSeconds = List.of(all.get(0), threshold(secondMinWarning, sensor, MIN, 12, WARNING),
                all.get(1), all.get(2), all.get(3), threshold(sameMaxCritical, sensor, MAX, 90, CRITICAL));
        assertEquals(withSeconds, listThresholds(sensor), "within a type and severity, oldest first");
        assertEquals(withSeconds, getSensorThresholds(sensor));

        assertTrue(client.rpc().deleteThreshold(DeleteThresholdRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setSensorId(sensor).setThresholdId(maxCritical)
                .build()).getSuccess());
        assertEquals(List.of(withSeconds.get(0), withSeconds.get(1), withSeconds.get(2), withSeconds.get(3),
                withSeconds.get(5)), listThresholds(sensor), "only the deleted one of the two MAX CRITICAL went");
        assertStatus(Status.Code.NOT_FOUND, () -> client.rpc().deleteThreshold(DeleteThresholdRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setSensorId(sensor).setThresholdId(maxCritical)
                .build()), "second delete");

        String again = setThreshold(sensor, MAX, 90, CRITICAL);
        assertEquals(List.of(withSeconds.get(0), withSeconds.get(1), withSeconds.get(2), withSeconds.get(3),
                withSeconds.get(5), threshold(again, sensor, MAX, 90, CRITICAL)),
                listThresholds(sensor), "set again after a delete");
    }

    @Test
    void thresholdsOfUnknownSensorsAndOfABooleanSensor() {
        String leak = createSensor(device, "leak", "Leak", ValueType.VALUE_TYPE_BOOLEAN, "", 0);
        assertEquals(List.of(), listThresholds(leak), "a sensor without thresholds");
        String id = setThreshold(leak, MAX, 0.5, CRITICAL);
        assertEquals(List.of(threshold(id, leak, MAX, 0.5, CRITICAL)), listThresholds(leak));

        assertStatus(Status.Code.NOT_FOUND, () -> listThresholds(newId()), "ListThresholds of an unknown sensor");
        assertStatus(Status.Code.NOT_FOUND, () -> setThreshold(newId(), MIN, 1, WARNING),
                "SetThreshold on an unknown sensor");
        assertEquals(List.of(), getSensorThresholds(newId()), "GetSensorThresholds of an unknown sensor is empty");
    }

    @Test
    void deletingASensorRemovesItsThresholds() throws SQLException {
        String doomed = createSensor(device, "temp", "Temperature", ValueType.VALUE_TYPE_NUMBER, "\u00b0C", 1);
        String kept = createSensor(device, "humidity", "Humidity", ValueType.VALUE_TYPE_NUMBER, "%", 0);
        setThreshold(doomed, MIN, 1, WARNING);
        setThreshold(doomed, MAX, 2, CRITICAL);
        String keptThreshold = setThreshold(kept, MAX, 70, WARNING);

        assertTrue(client.rpc().deleteSensor(DeleteSensorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(device).setSensorId(doomed).build()).getSuccess());

        assertEquals(0, count("SELECT count(*) FROM sensor_thresholds WHERE sensor_id = ?::uuid", doomed));
        assertEquals(List.of(), getSensorThresholds(doomed));
        assertStatus(Status.Code.NOT_FOUND, () -> listThresholds(doomed), "ListThresholds of the deleted sensor");
        assertEquals(List.of(threshold(keptThreshold, kept, MAX, 70, WARNING)), listThresholds(kept),
                "the other sensor keeps its threshold");
    }

    @Test
    void getAllThresholdsReturnsEverySensorWithThresholdsAndItsPlace() {
        String second = fixture.createDevice(owner, place, "Second").getDeviceId();
        String temp = createSensor(device, "temp", "Temperature", ValueType.VALUE_TYPE_NUMBER, "\u00b0C", 1);
        String humidity = createSensor(second, "humidity", "Humidity", ValueType.VALUE_TYPE_NUMBER, "%", 0);
        String bare = createSensor(second, "bare", "No thresholds", ValueType.VALUE_TYPE_NUMBER, "", 0);
        String tMax = setThreshold(temp, MAX, 85, CRITICAL);
        String tMin = setThreshold(temp, MIN, 5, WARNING);
        String hMax = setThreshold(humidity, MAX, 70, WARNING);

        Map<String, SensorWithThresholds> mine = mine(getAllThresholds(), Set.of(temp, humidity, bare));
        assertEquals(Map.of(
                temp, SensorWithThresholds.newBuilder().setSensorId(temp).setDeviceId(device).setPlaceId(place)
                        .setKey("temp").addThresholds(threshold(tMin, temp, MIN, 5, WARNING))
                        .addThresholds(threshold(tMax, temp, MAX, 85, CRITICAL)).build(),
                humidity, SensorWithThresholds.newBuilder().setSensorId(humidity).setDeviceId(second).setPlaceId(place)
                        .setKey("humidity").addThresholds(threshold(hMax, humidity, MAX, 70, WARNING)).build()),
                mine, "a sensor without thresholds is left out");

        client.rpc().deleteThreshold(DeleteThresholdRequest.newBuilder().setUserId(owner).setPlaceId(place)
                .setDeviceId(second).setSensorId(humidity).setThresholdId(hMax).build());
        assertEquals(Set.of(temp), mine(getAllThresholds(), Set.of(temp, humidity, bare)).keySet(),
                "a sensor whose last threshold was deleted drops out");
    }

    @Test
    void getAllThresholdsListsOnlySensorsWithThresholdsEachOnceAndConsistent() {
        String temp = createSensor(device, "temp", "Temperature", ValueType.VALUE_TYPE_NUMBER, "\u00b0C", 1);
        setThreshold(temp, MIN, 1, CRITICAL);

        List<SensorWithThresholds> all = getAllThresholds();
        assertEquals(all.size(), all.stream().map(SensorWithThresholds::getSensorId).distinct().count(),
                "every sensor appears once");
        for (SensorWithThresholds entry : all) {
            assertFalse(entry.getThresholdsList().isEmpty(), "listed without thresholds: " + entry.getSensorId());
            for (ThresholdInfo t : entry.getThresholdsList()) {
                assertEquals(entry.getSensorId(), t.getSensorId(), "threshold " + t.getThresholdId() + " grouped under its sensor");
            }
            assertEquals(entry.getThresholdsList().stream().sorted(THRESHOLD_ORDER).toList(),
                    entry.getThresholdsList(), "thresholds of " + entry.getSensorId() + " in stable order");
        }
        assertTrue(all.stream().anyMatch(e -> e.getSensorId().equals(temp)), "this test's sensor is listed");
    }

    // ------------------------------------------------------------ helpers

    private String createSensor(String onDevice, String key, String name, ValueType type, String unit, int precision) {
        return client.rpc().createSensor(CreateSensorRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(onDevice).setKey(key).setName(name)
                .setValueType(type).setUnitLabel(unit).setPrecision(precision).build()).getSensorId();
    }

    private SensorInfo sensor(String id, String key, String name, ValueType type, String unit, int precision) {
        return sensor(id, device, key, name, type, unit, precision);
    }

    private static SensorInfo sensor(String id, String onDevice, String key, String name, ValueType type, String unit,
                                     int precision) {
        return SensorInfo.newBuilder().setSensorId(id).setDeviceId(onDevice).setKey(key).setName(name)
                .setValueType(type).setUnitLabel(unit).setPrecision(precision).build();
    }

    private List<SensorInfo> listSensors(String onDevice) {
        return client.rpc().listSensors(ListSensorsRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(onDevice).build()).getSensorsList();
    }

    private CreateActuatorRequest.Builder actuatorRequest(String onDevice, String key, String name, ValueType type,
                                                          String unit, int precision) {
        return CreateActuatorRequest.newBuilder().setUserId(owner).setPlaceId(place).setDeviceId(onDevice)
                .setKey(key).setName(name).setValueType(type).setUnitLabel(unit).setPrecision(precision);
    }

    private ActuatorInfo.Builder actuator(String id, String key, String name, ValueType type, String unit,
                                          int precision) {
        return ActuatorInfo.newBuilder().setActuatorId(id).setDeviceId(device).setKey(key).setName(name)
                .setValueType(type).setUnitLabel(unit).setPrecision(precision);
    }

    private List<ActuatorInfo> listActuators(String onDevice) {
        return client.rpc().listActuators(ListActuatorsRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(onDevice).build()).getActuatorsList();
    }

    private String setThreshold(String sensor, ThresholdType type, double value, ThresholdSeverity severity) {
        return client.rpc().setThreshold(SetThresholdRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(deviceOf(sensor)).setSensorId(sensor)
                .setType(type).setValue(value).setSeverity(severity).build()).getThresholdId();
    }

    private List<ThresholdInfo> listThresholds(String sensor) {
        return client.rpc().listThresholds(ListThresholdsRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId(deviceOf(sensor)).setSensorId(sensor).build())
                .getThresholdsList();
    }

    /** The device a sensor of this test's place belongs to; {@link #device} for unknown sensors. */
    private String deviceOf(String sensor) {
        try {
            List<String> rows = Database.strings("SELECT device_id::text FROM sensors WHERE id = ?::uuid", sensor);
            return rows.isEmpty() ? device : rows.get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ThresholdInfo> getSensorThresholds(String sensor) {
        return client.rpc().getSensorThresholds(GetSensorThresholdsRequest.newBuilder().setSensorId(sensor).build())
                .getThresholdsList();
    }

    private static List<SensorWithThresholds> getAllThresholds() {
        return client.rpc().getAllThresholds(GetAllThresholdsRequest.getDefaultInstance()).getSensorsList();
    }

    private static Map<String, SensorWithThresholds> mine(List<SensorWithThresholds> all, Set<String> sensors) {
        return all.stream().filter(s -> sensors.contains(s.getSensorId()))
                .collect(Collectors.toMap(SensorWithThresholds::getSensorId, s -> s));
    }

    private static ThresholdInfo threshold(String id, String sensor, ThresholdType type, double value,
                                           ThresholdSeverity severity) {
        return ThresholdInfo.newBuilder().setThresholdId(id).setSensorId(sensor).setType(type).setValue(value)
                .setSeverity(severity).build();
    }
}

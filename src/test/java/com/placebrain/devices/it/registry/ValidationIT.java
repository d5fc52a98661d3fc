package com.placebrain.devices.it.registry;

import static com.placebrain.devices.it.support.GrpcStatus.assertInvalid;
import static com.placebrain.devices.it.support.GrpcStatus.assertInvalidNaming;
import static com.placebrain.devices.it.support.GrpcStatus.assertStatus;
import static com.placebrain.devices.it.support.Ids.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.protobuf.Message;
import com.placebrain.devices.grpc.v1.ActuatorInfo;
import com.placebrain.devices.grpc.v1.CreateActuatorRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceRequest;
import com.placebrain.devices.grpc.v1.CreateSensorRequest;
import com.placebrain.devices.grpc.v1.DeviceInfo;
import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.ListActuatorsRequest;
import com.placebrain.devices.grpc.v1.ListSensorsRequest;
import com.placebrain.devices.grpc.v1.ListThresholdsRequest;
import com.placebrain.devices.grpc.v1.SensorInfo;
import com.placebrain.devices.grpc.v1.SetThresholdRequest;
import com.placebrain.devices.grpc.v1.ThresholdInfo;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.grpc.v1.UpdateActuatorRequest;
import com.placebrain.devices.grpc.v1.UpdateDeviceRequest;
import com.placebrain.devices.grpc.v1.UpdateDeviceStatusRequest;
import com.placebrain.devices.grpc.v1.UpdateSensorRequest;
import com.placebrain.devices.grpc.v1.ValueType;
import com.placebrain.devices.it.registry.RegistryRpcs.Rpc;
import com.placebrain.devices.it.registry.RegistryRpcs.Target;
import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.Fixture.World;
import com.placebrain.devices.it.support.Ids;
import com.placebrain.devices.it.support.RoleFixture;
import com.placebrain.devices.it.support.ServiceDeployment;
import io.grpc.Status;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rejected input is INVALID_ARGUMENT naming the field, and writes nothing (*beyond* the
 * original, which answers UNKNOWN). Each case runs against a fresh place: an owner, a device with
 * sensor {@code temp} (one threshold), NUMBER actuator {@code valve} and ENUM actuator {@code scene}.
 */
class ValidationIT extends ServiceDeployment {

    private static final List<String> MALFORMED_UUIDS = List.of(
            "",
            "not-a-uuid",
            "0195f6a0-0000-7000-8000-00000000001",
            "0195f6a0-0000-7000-8000-0000000000011",
            "g195f6a0-0000-7000-8000-000000000001",
            "' OR '1'='1");

    private World world;
    private String scene;

    @BeforeEach
    void freshWorld() {
        world = fixture.world();
        scene = client.rpc().createActuator(CreateActuatorRequest.newBuilder()
                .setUserId(world.owner()).setPlaceId(world.place()).setDeviceId(world.device())
                .setKey("scene").setName("Scene").setValueType(ValueType.VALUE_TYPE_ENUM).setUnitLabel("")
                .addAllEnumOptions(List.of("off", "day", "night")).build()).getActuatorId();
    }

    // ------------------------------------------------------------ malformed ids

    static Stream<Arguments> idFields() {
        return RegistryRpcs.ALL.stream().flatMap(rpc -> rpc.idFields().stream().map(field -> Arguments.of(rpc, field)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("idFields")
    void malformedIdIsRejectedNamingTheField(Rpc rpc, String field) throws SQLException {
        List<String> before = Database.snapshot(world.place());
        for (String bad : MALFORMED_UUIDS) {
            Target target = Target.of(world).with(field, bad);
            assertInvalid(field, () -> rpc.call(client, target), rpc + " with " + field + "=\"" + bad + "\"");
        }
        assertEquals(before, Database.snapshot(world.place()), rpc + ": rejected calls wrote nothing");
        // The same request with well-formed ids is accepted: only the id was wrong.
        assertNotNull(rpc.call(client, Target.of(world)), rpc + " with valid ids");
    }

    // ------------------------------------------------------------ field contents

    /** A rejected request: what it is, the field its error must name, and how to make it. */
    record Bad(String what, List<String> fields, Function<ValidationIT, Message> request) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Bad> badFields() {
        List<Bad> cases = new ArrayList<>();
        String longName = "n".repeat(256);
        for (String name : List.of("", "   ", "\t\n", longName)) {
            String shown = shown(name);
            cases.add(bad("CreateDevice name " + shown, "name", t -> t.createDevice().setName(name).build()));
            cases.add(bad("UpdateDevice name " + shown, "name", t -> t.updateDevice().setName(name).build()));
        }
        // A sensor or actuator may have an empty name (the front end then shows its key), not a long one.
        for (String name : List.of(longName, "\uD83D\uDE00".repeat(256))) {
            String shown = shown(name);
            cases.add(bad("CreateSensor name " + shown, "name", t -> t.createSensor().setName(name).build()));
            cases.add(bad("UpdateSensor name " + shown, "name", t -> t.updateSensor().setName(name).build()));
            cases.add(bad("CreateActuator name " + shown, "name", t -> t.createActuator().setName(name).build()));
            cases.add(bad("UpdateActuator name " + shown, "name", t -> t.updateActuator().setName(name).build()));
        }
        // Keys are free text; only an empty key, more than 100 characters or a control character is refused.
        for (String key : List.of("", "k".repeat(101), "\uD83D\uDE00".repeat(101), "temp\n", "a\tb", "\u007f",
                "temp\u0085", "temp\u0000")) {
            String shown = shown(key);
            cases.add(bad("CreateSensor key " + shown, "key", t -> t.createSensor().setKey(key).build()));
            cases.add(bad("CreateActuator key " + shown, "key", t -> t.createActuator().setKey(key).build()));
        }
        String longUnit = "u".repeat(51);
        cases.add(bad("CreateSensor unit_label 51 chars", "unit_label", t -> t.createSensor().setUnitLabel(longUnit).build()));
        cases.add(bad("UpdateSensor unit_label 51 chars", "unit_label", t -> t.updateSensor().setUnitLabel(longUnit).build()));
        cases.add(bad("CreateActuator unit_label 51 chars", "unit_label",
                t -> t.createActuator().setUnitLabel(longUnit).build()));
        cases.add(bad("UpdateActuator unit_label 51 chars", "unit_label",
                t -> t.updateActuator().setUnitLabel(longUnit).build()));
        // PostgreSQL text cannot hold NUL: refused up front, not an INTERNAL failed write.
        String nul = "hall\u0000sensor";
        cases.add(bad("CreateDevice name with NUL", "name", t -> t.createDevice().setName(nul).build()));
        cases.add(bad("UpdateDevice name with NUL", "name", t -> t.updateDevice().setName(nul).build()));
        cases.add(bad("CreateSensor name with NUL", "name", t -> t.createSensor().setName(nul).build()));
        cases.add(bad("UpdateSensor name with NUL", "name", t -> t.updateSensor().setName(nul).build()));
        cases.add(bad("CreateActuator name with NUL", "name", t -> t.createActuator().setName(nul).build()));
        cases.add(bad("UpdateActuator name with NUL", "name", t -> t.updateActuator().setName(nul).build()));
        cases.add(bad("CreateSensor unit_label with NUL", "unit_label", t -> t.createSensor().setUnitLabel(nul).build()));
        cases.add(bad("UpdateSensor unit_label with NUL", "unit_label", t -> t.updateSensor().setUnitLabel(nul).build()));
        cases.add(bad("CreateActuator unit_label with NUL", "unit_label",
                t -> t.createActuator().setUnitLabel(nul).build()));
        cases.add(bad("UpdateActuator unit_label with NUL", "unit_label",
                t -> t.updateActuator().setUnitLabel(nul).build()));
        cases.add(bad("CreateActuator ENUM with a NUL in enum_options", "enum_options",
                t -> t.createActuator().setValueType(ValueType.VALUE_TYPE_ENUM).setMinValue(0).setMaxValue(0).setStep(0)
                        .addAllEnumOptions(List.of("on", nul)).build()));
        cases.add(bad("UpdateActuator ENUM with a NUL in enum_options", "enum_options",
                t -> t.updateScene().addAllEnumOptions(List.of("day", nul)).build()));
        for (int precision : new int[] {-1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            cases.add(bad("CreateSensor precision " + precision, "precision",
                    t -> t.createSensor().setPrecision(precision).build()));
            cases.add(bad("UpdateSensor precision " + precision, "precision",
                    t -> t.updateSensor().setPrecision(precision).build()));
            cases.add(bad("CreateActuator precision " + precision, "precision",
                    t -> t.createActuator().setPrecision(precision).build()));
            cases.add(bad("UpdateActuator precision " + precision, "precision",
                    t -> t.updateActuator().setPrecision(precision).build()));
        }
        for (int type : new int[] {0, 99, -1}) {
            cases.add(bad("CreateSensor value_type " + type, "value_type",
                    t -> t.createSensor().setValueTypeValue(type).build()));
            cases.add(bad("CreateActuator value_type " + type, "value_type",
                    t -> t.createActuator().setValueTypeValue(type).build()));
            cases.add(bad("SetThreshold type " + type, "type", t -> t.setThreshold().setTypeValue(type).build()));
            cases.add(bad("SetThreshold severity " + type, "severity",
                    t -> t.setThreshold().setSeverityValue(type).build()));
            cases.add(bad("UpdateDeviceStatus status " + type, "status", t -> UpdateDeviceStatusRequest.newBuilder()
                    .setDeviceId(t.world.device()).setStatusValue(type).build()));
        }
        cases.add(bad("CreateSensor value_type ENUM", "value_type",
                t -> t.createSensor().setValueType(ValueType.VALUE_TYPE_ENUM).build()));
        for (double number : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            cases.add(bad("SetThreshold value " + number, "value", t -> t.setThreshold().setValue(number).build()));
            cases.add(bad("CreateActuator min_value " + number, "min_value",
                    t -> t.createActuator().setMinValue(number).build()));
            cases.add(bad("CreateActuator max_value " + number, "max_value",
                    t -> t.createActuator().setMaxValue(number).build()));
            cases.add(bad("CreateActuator step " + number, "step", t -> t.createActuator().setStep(number).build()));
            cases.add(bad("UpdateActuator min_value " + number, "min_value",
                    t -> t.updateActuator().setMinValue(number).build()));
            cases.add(bad("UpdateActuator max_value " + number, "max_value",
                    t -> t.updateActuator().setMaxValue(number).build()));
            cases.add(bad("UpdateActuator step " + number, "step", t -> t.updateActuator().setStep(number).build()));
        }
        cases.add(new Bad("CreateActuator min_value 10 > max_value 5", List.of("min_value", "max_value"),
                t -> t.createActuator().setMinValue(10).setMaxValue(5).build()));
        cases.add(new Bad("CreateActuator min_value -1 > max_value -2", List.of("min_value", "max_value"),
                t -> t.createActuator().setMinValue(-1).setMaxValue(-2).build()));
        cases.add(new Bad("UpdateActuator min_value 10 > max_value 5", List.of("min_value", "max_value"),
                t -> t.updateActuator().setMinValue(10).setMaxValue(5).build()));
        cases.add(new Bad("CreateActuator min_value 5 > max_value 0 (min and max are a pair)",
                List.of("min_value", "max_value"), t -> t.createActuator().setMinValue(5).setMaxValue(0).build()));
        cases.add(bad("CreateActuator step -1", "step", t -> t.createActuator().setStep(-1).build()));
        cases.add(bad("UpdateActuator step -0.5", "step", t -> t.updateActuator().setStep(-0.5).build()));
        cases.add(bad("CreateActuator ENUM with a blank option", "enum_options",
                t -> t.createActuator().setValueType(ValueType.VALUE_TYPE_ENUM).setMinValue(0).setMaxValue(0).setStep(0)
                        .addAllEnumOptions(List.of("on", " ")).build()));
        cases.add(bad("CreateActuator NUMBER with enum_options", "enum_options",
                t -> t.createActuator().addAllEnumOptions(List.of("on")).build()));
        cases.add(bad("CreateActuator ENUM with duplicate enum_options", "enum_options",
                t -> t.createActuator().setValueType(ValueType.VALUE_TYPE_ENUM).setMinValue(0).setMaxValue(0).setStep(0)
                        .addAllEnumOptions(List.of("on", "off", "on")).build()));
        cases.add(bad("UpdateActuator ENUM with duplicate enum_options", "enum_options",
                t -> t.updateScene().addAllEnumOptions(List.of("day", "day")).build()));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    void badFieldIsRejectedNamingItAndWritesNothing(Bad bad) throws SQLException {
        List<String> before = Database.snapshot(world.place());
        Message request = bad.request().apply(this);
        assertInvalidNaming(() -> send(request), bad.what(), bad.fields().toArray(String[]::new));
        assertEquals(before, Database.snapshot(world.place()), bad.what() + ": nothing written");
    }

    // ------------------------------------------------------------ boundaries that are accepted

    @Test
    void boundaryValuesAreAccepted() {
        String name255 = "n".repeat(255);
        String key100 = "k".repeat(100);
        String unit50 = "u".repeat(50);
        String degrees50 = "\u00b0".repeat(50);

        String device = client.rpc().createDevice(createDevice().setName(name255).build()).getDeviceId();
        assertEquals(name255, getDevice(device).getName(), "CreateDevice name of 255 chars");
        client.rpc().updateDevice(updateDevice().setDeviceId(device).setName("m".repeat(255)).build());
        assertEquals("m".repeat(255), getDevice(device).getName(), "UpdateDevice name of 255 chars");

        String s1 = client.rpc().createSensor(createSensor().setKey(key100).setName(name255).setUnitLabel(unit50)
                .setPrecision(100).build()).getSensorId();
        String s2 = client.rpc().createSensor(createSensor().setKey("Temp_1.a-B").setValueType(ValueType.VALUE_TYPE_BOOLEAN)
                .setUnitLabel(degrees50).setPrecision(0).build()).getSensorId();
        List<SensorInfo> sensors = listSensors();
        assertEquals(SensorInfo.newBuilder().setSensorId(s1).setDeviceId(world.device()).setKey(key100).setName(name255)
                .setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel(unit50).setPrecision(100).build(),
                sensors.stream().filter(s -> s.getSensorId().equals(s1)).findFirst().orElseThrow());
        assertEquals(SensorInfo.newBuilder().setSensorId(s2).setDeviceId(world.device()).setKey("Temp_1.a-B")
                .setName("Valid").setValueType(ValueType.VALUE_TYPE_BOOLEAN).setUnitLabel(degrees50).setPrecision(0).build(),
                sensors.stream().filter(s -> s.getSensorId().equals(s2)).findFirst().orElseThrow());
        client.rpc().updateSensor(updateSensor().setSensorId(s1).setName(name255).setUnitLabel(degrees50)
                .setPrecision(0).build());
        assertEquals(degrees50, listSensors().stream().filter(s -> s.getSensorId().equals(s1)).findFirst().orElseThrow()
                .getUnitLabel(), "UpdateSensor unit_label of 50 chars");

        String a1 = client.rpc().createActuator(createActuator().setKey(key100).setName(name255).setUnitLabel(unit50)
                .setPrecision(100).setMinValue(-1e9).setMaxValue(1e9).setStep(0.001).build()).getActuatorId();
        client.rpc().updateActuator(updateActuator().setActuatorId(a1).setName(name255).setUnitLabel(unit50)
                .setPrecision(0).setMinValue(-5).setMaxValue(-5).setStep(0).build());
        assertEquals(ActuatorInfo.newBuilder().setActuatorId(a1).setDeviceId(world.device()).setKey(key100)
                .setName(name255).setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel(unit50).setPrecision(0)
                .setMinValue(-5).setMaxValue(-5).setStep(0).build(),
                listActuators().stream().filter(a -> a.getActuatorId().equals(a1)).findFirst().orElseThrow(),
                "min_value equal to max_value is a valid range");

        String t1 = client.rpc().setThreshold(setThreshold().setType(ThresholdType.THRESHOLD_TYPE_MAX)
                .setSeverity(ThresholdSeverity.THRESHOLD_SEVERITY_WARNING).setValue(-1.0e300).build()).getThresholdId();
        String t2 = client.rpc().setThreshold(setThreshold().setType(ThresholdType.THRESHOLD_TYPE_MIN)
                .setSeverity(ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL).setValue(0).build()).getThresholdId();
        assertEquals(List.of(
                ThresholdInfo.newBuilder().setThresholdId(world.threshold()).setSensorId(world.sensor())
                        .setType(ThresholdType.THRESHOLD_TYPE_MIN).setValue(5.0)
                        .setSeverity(ThresholdSeverity.THRESHOLD_SEVERITY_WARNING).build(),
                ThresholdInfo.newBuilder().setThresholdId(t2).setSensorId(world.sensor())
                        .setType(ThresholdType.THRESHOLD_TYPE_MIN).setValue(0)
                        .setSeverity(ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL).build(),
                ThresholdInfo.newBuilder().setThresholdId(t1).setSensorId(world.sensor())
                        .setType(ThresholdType.THRESHOLD_TYPE_MAX).setValue(-1.0e300)
                        .setSeverity(ThresholdSeverity.THRESHOLD_SEVERITY_WARNING).build()),
                client.rpc().listThresholds(ListThresholdsRequest.newBuilder().setUserId(world.owner())
                        .setPlaceId(world.place()).setDeviceId(world.device()).setSensorId(world.sensor()).build())
                        .getThresholdsList(), "0 and extreme finite values are valid thresholds");
    }

    @Test
    void whatTheFrontEndSendsAndTheOriginalStoredIsAccepted() {
        String emoji = "\uD83D\uDE00";
        // Keys are free text: blanks, dots, slashes, any script; lengths count characters, as varchar(100) does.
        List<String> keys = List.of("temp 1", "pm2.5", "temp/1", "t\u00e9mp", "\u6e29\u5ea6", " padded ", "   ",
                emoji.repeat(100));
        for (String key : keys) {
            String id = client.rpc().createSensor(createSensor().setKey(key).setName("").build()).getSensorId();
            assertEquals(SensorInfo.newBuilder().setSensorId(id).setDeviceId(world.device()).setKey(key).setName("")
                    .setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("").setPrecision(0).build(),
                    listSensors().stream().filter(s -> s.getSensorId().equals(id)).findFirst().orElseThrow(),
                    "sensor key " + shown(key) + ", empty name (the front end shows the key)");
            client.rpc().createActuator(createActuator().setKey(key).setName("  ").build());
        }
        assertStatus(Status.Code.ALREADY_EXISTS, () -> client.rpc().createSensor(createSensor().setKey("temp 1")
                .build()), "keys stay unique per device");
        client.rpc().updateSensor(updateSensor().setName("").setUnitLabel(emoji.repeat(50)).setPrecision(100).build());
        assertEquals(emoji.repeat(50), listSensors().stream().filter(s -> s.getSensorId().equals(world.sensor()))
                .findFirst().orElseThrow().getUnitLabel(), "a unit_label of 50 characters (100 UTF-16 units)");
        String device = client.rpc().createDevice(createDevice().setName(emoji.repeat(255)).build()).getDeviceId();
        assertEquals(emoji.repeat(255), getDevice(device).getName(), "a device name of 255 characters");

        // An ENUM actuator without options (the front end sends none when its options field is empty).
        String mode = client.rpc().createActuator(createActuator().setKey("mode").setValueType(ValueType.VALUE_TYPE_ENUM)
                .setMinValue(0).setMaxValue(0).setStep(0).build()).getActuatorId();
        assertEquals(List.of(), listActuators().stream().filter(a -> a.getActuatorId().equals(mode)).findFirst()
                .orElseThrow().getEnumOptionsList());
        client.rpc().updateActuator(UpdateActuatorRequest.newBuilder().setUserId(world.owner())
                .setPlaceId(world.place()).setDeviceId(world.device()).setActuatorId(scene).setName("Scene")
                .setUnitLabel("").setPrecision(0).build());
        assertEquals(List.of(), listActuators().stream().filter(a -> a.getActuatorId().equals(scene)).findFirst()
                .orElseThrow().getEnumOptionsList(), "UpdateActuator may remove every option");
    }

    // ------------------------------------------------------------ order of checks

    @Test
    void validationComesBeforeRoleAndRoleBeforeExistence() throws SQLException {
        String stranger = newId();
        String viewer = roles.newMember(world.place(), RoleFixture.VIEWER);
        List<String> before = Database.snapshot(world.place());

        assertInvalid("device_id", () -> client.rpc().getDevice(GetDeviceRequest.newBuilder().setUserId(stranger)
                .setPlaceId(world.place()).setDeviceId("nope").build()), "stranger, malformed device_id");
        assertInvalid("name", () -> client.rpc().updateDevice(updateDevice().setUserId(stranger).setDeviceId(newId())
                .setName(" ").build()), "stranger, blank name, unknown device");
        assertInvalid("key", () -> client.rpc().createSensor(createSensor().setUserId(viewer).setDeviceId(newId())
                .setKey("a\nb").build()), "viewer, bad key, unknown device");
        assertInvalid("precision", () -> client.rpc().updateSensor(updateSensor().setSensorId(newId())
                .setPrecision(101).build()), "owner, bad precision, unknown sensor");
        assertInvalid("severity", () -> client.rpc().setThreshold(setThreshold().setUserId(viewer)
                .setDeviceId(newId()).setSensorId(newId()).setSeverityValue(0).build()), "viewer, bad severity, unknown ids");

        assertStatus(Status.Code.PERMISSION_DENIED, () -> client.rpc().updateDevice(updateDevice().setUserId(stranger)
                .setDeviceId(newId()).build()), "stranger, valid request, unknown device");
        assertStatus(Status.Code.PERMISSION_DENIED, () -> client.rpc().createSensor(createSensor().setUserId(viewer)
                .setDeviceId(newId()).build()), "viewer, valid write, unknown device");
        assertStatus(Status.Code.NOT_FOUND, () -> client.rpc().updateDevice(updateDevice().setDeviceId(newId())
                .build()), "owner, valid request, unknown device");
        assertEquals(before, Database.snapshot(world.place()), "nothing written");
    }

    // ------------------------------------------------------------ valid requests on this test's world

    /** A test name for a text: its length when long, else quoted with control characters escaped. */
    private static String shown(String text) {
        int characters = text.codePointCount(0, text.length());
        if (text.length() > 10) {
            return characters + " chars" + (characters == text.length() ? "" : " (" + text.length() + " UTF-16 units)");
        }
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : Character.toString(c)));
        return out.append('"').toString();
    }

    private static Bad bad(String what, String field, Function<ValidationIT, Message> request) {
        return new Bad(what, List.of(field), request);
    }

    private static Object send(Message request) {
        return switch (request) {
            case CreateDeviceRequest r -> client.rpc().createDevice(r);
            case UpdateDeviceRequest r -> client.rpc().updateDevice(r);
            case CreateSensorRequest r -> client.rpc().createSensor(r);
            case UpdateSensorRequest r -> client.rpc().updateSensor(r);
            case CreateActuatorRequest r -> client.rpc().createActuator(r);
            case UpdateActuatorRequest r -> client.rpc().updateActuator(r);
            case SetThresholdRequest r -> client.rpc().setThreshold(r);
            case UpdateDeviceStatusRequest r -> client.rpc().updateDeviceStatus(r);
            default -> throw new IllegalArgumentException("no RPC for " + request.getClass());
        };
    }

    private CreateDeviceRequest.Builder createDevice() {
        return CreateDeviceRequest.newBuilder().setUserId(world.owner()).setPlaceId(world.place()).setName("Valid");
    }

    private UpdateDeviceRequest.Builder updateDevice() {
        return UpdateDeviceRequest.newBuilder().setUserId(world.owner()).setPlaceId(world.place())
                .setDeviceId(world.device()).setName("Valid");
    }

    private CreateSensorRequest.Builder createSensor() {
        return CreateSensorRequest.newBuilder().setUserId(world.owner()).setPlaceId(world.place())
                .setDeviceId(world.device()).setKey(Ids.freshKey()).setName("Valid")
                .setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("").setPrecision(0);
    }

    private UpdateSensorRequest.Builder updateSensor() {
        return UpdateSensorRequest.newBuilder().setUserId(world.owner()).setPlaceId(world.place())
                .setDeviceId(world.device()).setSensorId(world.sensor()).setName("Valid").setUnitLabel("")
                .setPrecision(0);
    }

    private CreateActuatorRequest.Builder createActuator() {
        return CreateActuatorRequest.newBuilder().setUserId(world.owner()).setPlaceId(world.place())
                .setDeviceId(world.device()).setKey(Ids.freshKey()).setName("Valid")
                .setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("").setPrecision(0)
                .setMinValue(0).setMaxValue(10).setStep(1);
    }

    private UpdateActuatorRequest.Builder updateActuator() {
        return UpdateActuatorRequest.newBuilder().setUserId(world.owner()).setPlaceId(world.place())
                .setDeviceId(world.device()).setActuatorId(world.actuator()).setName("Valid").setUnitLabel("")
                .setPrecision(0).setMinValue(0).setMaxValue(10).setStep(1);
    }

    private UpdateActuatorRequest.Builder updateScene() {
        return UpdateActuatorRequest.newBuilder().setUserId(world.owner()).setPlaceId(world.place())
                .setDeviceId(world.device()).setActuatorId(scene).setName("Scene").setUnitLabel("").setPrecision(0);
    }

    private SetThresholdRequest.Builder setThreshold() {
        return SetThresholdRequest.newBuilder().setUserId(world.owner()).setPlaceId(world.place())
                .setDeviceId(world.device()).setSensorId(world.sensor()).setType(ThresholdType.THRESHOLD_TYPE_MAX)
                .setValue(1.0).setSeverity(ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL);
    }

    private DeviceInfo getDevice(String device) {
        return client.rpc().getDevice(GetDeviceRequest.newBuilder().setUserId(world.owner()).setPlaceId(world.place())
                .setDeviceId(device).build()).getDevice();
    }

    private List<SensorInfo> listSensors() {
        return client.rpc().listSensors(ListSensorsRequest.newBuilder().setUserId(world.owner())
                .setPlaceId(world.place()).setDeviceId(world.device()).build()).getSensorsList();
    }

    private List<ActuatorInfo> listActuators() {
        return client.rpc().listActuators(ListActuatorsRequest.newBuilder().setUserId(world.owner())
                .setPlaceId(world.place()).setDeviceId(world.device()).build()).getActuatorsList();
    }
}

package com.placebrain.devices.it.registry;

import static com.placebrain.devices.it.support.Ids.freshKey;

import com.placebrain.devices.grpc.v1.CreateActuatorRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceRequest;
import com.placebrain.devices.grpc.v1.CreateSensorRequest;
import com.placebrain.devices.grpc.v1.DeleteActuatorRequest;
import com.placebrain.devices.grpc.v1.DeleteDeviceRequest;
import com.placebrain.devices.grpc.v1.DeleteDevicesByPlaceRequest;
import com.placebrain.devices.grpc.v1.DeleteSensorRequest;
import com.placebrain.devices.grpc.v1.DeleteThresholdRequest;
import com.placebrain.devices.grpc.v1.DeviceStatus;
import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.GetSensorThresholdsRequest;
import com.placebrain.devices.grpc.v1.ListActuatorsRequest;
import com.placebrain.devices.grpc.v1.ListDevicesRequest;
import com.placebrain.devices.grpc.v1.ListSensorsRequest;
import com.placebrain.devices.grpc.v1.ListThresholdsRequest;
import com.placebrain.devices.grpc.v1.RegenerateDeviceTokenRequest;
import com.placebrain.devices.grpc.v1.SetThresholdRequest;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.grpc.v1.UpdateActuatorRequest;
import com.placebrain.devices.grpc.v1.UpdateDeviceRequest;
import com.placebrain.devices.grpc.v1.UpdateDeviceStatusRequest;
import com.placebrain.devices.grpc.v1.UpdateSensorRequest;
import com.placebrain.devices.grpc.v1.ValueType;
import com.placebrain.devices.it.support.Fixture;
import com.placebrain.devices.it.support.ServiceClient;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The registry RPCs as a table: one row per RPC with the id fields it carries and a call that is
 * valid in every other field, so a test can vary only ids and users and expect one precise status.
 */
final class RegistryRpcs {

    static final String USER_ID = "user_id";
    static final String PLACE_ID = "place_id";
    static final String DEVICE_ID = "device_id";
    static final String SENSOR_ID = "sensor_id";
    static final String ACTUATOR_ID = "actuator_id";
    static final String THRESHOLD_ID = "threshold_id";

    enum Access { READ, WRITE, INTERNAL }

    /** The ids a call is made with; fields an RPC does not carry are ignored. */
    record Target(String user, String place, String device, String sensor, String actuator, String threshold) {

        /** Every id of the world, addressed by its owner. */
        static Target of(Fixture.World world) {
            return new Target(world.owner(), world.place(), world.device(), world.sensor(), world.actuator(),
                    world.threshold());
        }

        Target with(String field, String value) {
            return switch (field) {
                case USER_ID -> new Target(value, place, device, sensor, actuator, threshold);
                case PLACE_ID -> new Target(user, value, device, sensor, actuator, threshold);
                case DEVICE_ID -> new Target(user, place, value, sensor, actuator, threshold);
                case SENSOR_ID -> new Target(user, place, device, value, actuator, threshold);
                case ACTUATOR_ID -> new Target(user, place, device, sensor, value, threshold);
                case THRESHOLD_ID -> new Target(user, place, device, sensor, actuator, value);
                default -> throw new IllegalArgumentException(field);
            };
        }
    }

    record Rpc(String name, Access access, List<String> idFields, BiFunction<ServiceClient, Target, Object> call) {

        Object call(ServiceClient client, Target target) {
            return call.apply(client, target);
        }

        boolean carries(String field) {
            return idFields.contains(field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<String> UP = List.of(USER_ID, PLACE_ID);
    private static final List<String> UPD = List.of(USER_ID, PLACE_ID, DEVICE_ID);
    private static final List<String> UPDS = List.of(USER_ID, PLACE_ID, DEVICE_ID, SENSOR_ID);
    private static final List<String> UPDA = List.of(USER_ID, PLACE_ID, DEVICE_ID, ACTUATOR_ID);

    static final List<Rpc> ALL = List.of(
            new Rpc("CreateDevice", Access.WRITE, UP, (c, t) -> c.rpc().createDevice(CreateDeviceRequest.newBuilder()
                    .setUserId(t.user()).setPlaceId(t.place()).setName("Created device").build())),
            new Rpc("GetDevice", Access.READ, UPD, (c, t) -> c.rpc().getDevice(GetDeviceRequest.newBuilder()
                    .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).build())),
            new Rpc("ListDevices", Access.READ, UP, (c, t) -> c.rpc().listDevices(ListDevicesRequest.newBuilder()
                    .setUserId(t.user()).setPlaceId(t.place()).setPage(1).setPerPage(20).build())),
            new Rpc("UpdateDevice", Access.WRITE, UPD, (c, t) -> c.rpc().updateDevice(UpdateDeviceRequest.newBuilder()
                    .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).setName("Renamed device")
                    .build())),
            new Rpc("DeleteDevice", Access.WRITE, UPD, (c, t) -> c.rpc().deleteDevice(DeleteDeviceRequest.newBuilder()
                    .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).build())),
            new Rpc("RegenerateDeviceToken", Access.WRITE, UPD, (c, t) -> c.rpc().regenerateDeviceToken(
                    RegenerateDeviceTokenRequest.newBuilder()
                            .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).build())),
            new Rpc("CreateSensor", Access.WRITE, UPD, (c, t) -> c.rpc().createSensor(CreateSensorRequest.newBuilder()
                    .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device())
                    .setKey(freshKey()).setName("Created sensor").setValueType(ValueType.VALUE_TYPE_NUMBER)
                    .setUnitLabel("lx").setPrecision(1).build())),
            new Rpc("ListSensors", Access.READ, UPD, (c, t) -> c.rpc().listSensors(ListSensorsRequest.newBuilder()
                    .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).build())),
            new Rpc("UpdateSensor", Access.WRITE, UPDS, (c, t) -> c.rpc().updateSensor(UpdateSensorRequest.newBuilder()
                    .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).setSensorId(t.sensor())
                    .setName("Renamed sensor").setUnitLabel("K").setPrecision(2).build())),
            new Rpc("DeleteSensor", Access.WRITE, UPDS, (c, t) -> c.rpc().deleteSensor(DeleteSensorRequest.newBuilder()
                    .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).setSensorId(t.sensor())
                    .build())),
            new Rpc("SetThreshold", Access.WRITE, UPDS, (c, t) -> c.rpc().setThreshold(SetThresholdRequest.newBuilder()
                    .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).setSensorId(t.sensor())
                    .setType(ThresholdType.THRESHOLD_TYPE_MAX).setValue(42.5)
                    .setSeverity(ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL).build())),
            new Rpc("ListThresholds", Access.READ, UPDS, (c, t) -> c.rpc().listThresholds(
                    ListThresholdsRequest.newBuilder()
                            .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).setSensorId(t.sensor())
                            .build())),
            new Rpc("DeleteThreshold", Access.WRITE, List.of(USER_ID, PLACE_ID, DEVICE_ID, SENSOR_ID, THRESHOLD_ID),
                    (c, t) -> c.rpc().deleteThreshold(DeleteThresholdRequest.newBuilder()
                            .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).setSensorId(t.sensor())
                            .setThresholdId(t.threshold()).build())),
            new Rpc("CreateActuator", Access.WRITE, UPD, (c, t) -> c.rpc().createActuator(
                    CreateActuatorRequest.newBuilder()
                            .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device())
                            .setKey(freshKey()).setName("Created actuator").setValueType(ValueType.VALUE_TYPE_BOOLEAN)
                            .setUnitLabel("").setPrecision(0).build())),
            new Rpc("ListActuators", Access.READ, UPD, (c, t) -> c.rpc().listActuators(ListActuatorsRequest.newBuilder()
                    .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).build())),
            new Rpc("UpdateActuator", Access.WRITE, UPDA, (c, t) -> c.rpc().updateActuator(
                    UpdateActuatorRequest.newBuilder()
                            .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).setActuatorId(t.actuator())
                            .setName("Renamed actuator").setUnitLabel("%").setPrecision(0)
                            .setMinValue(1).setMaxValue(9).setStep(1).build())),
            new Rpc("DeleteActuator", Access.WRITE, UPDA, (c, t) -> c.rpc().deleteActuator(
                    DeleteActuatorRequest.newBuilder()
                            .setUserId(t.user()).setPlaceId(t.place()).setDeviceId(t.device()).setActuatorId(t.actuator())
                            .build())),
            new Rpc("GetSensorThresholds", Access.INTERNAL, List.of(SENSOR_ID), (c, t) -> c.rpc().getSensorThresholds(
                    GetSensorThresholdsRequest.newBuilder().setSensorId(t.sensor()).build())),
            new Rpc("DeleteDevicesByPlace", Access.INTERNAL, List.of(PLACE_ID), (c, t) -> c.rpc().deleteDevicesByPlace(
                    DeleteDevicesByPlaceRequest.newBuilder().setPlaceId(t.place()).build())),
            new Rpc("UpdateDeviceStatus", Access.INTERNAL, List.of(DEVICE_ID), (c, t) -> c.rpc().updateDeviceStatus(
                    UpdateDeviceStatusRequest.newBuilder().setDeviceId(t.device())
                            .setStatus(DeviceStatus.DEVICE_STATUS_ONLINE).build())));

    private RegistryRpcs() {
    }

    /** RPCs that carry a user_id and are authorized by the caller's role in the place. */
    static Stream<Rpc> withUser() {
        return ALL.stream().filter(rpc -> rpc.access() != Access.INTERNAL);
    }

    static Stream<Rpc> reads() {
        return ALL.stream().filter(rpc -> rpc.access() == Access.READ);
    }

    static Stream<Rpc> writes() {
        return ALL.stream().filter(rpc -> rpc.access() == Access.WRITE);
    }
}

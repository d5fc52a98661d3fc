package com.placebrain.devices.bench;

import com.placebrain.devices.bench.Bench.Row;
import com.placebrain.devices.grpc.v1.CreateActuatorRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceRequest;
import com.placebrain.devices.grpc.v1.CreateSensorRequest;
import com.placebrain.devices.grpc.v1.DeleteDevicesByPlaceRequest;
import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.GetDeviceResponse;
import com.placebrain.devices.grpc.v1.ListDevicesRequest;
import com.placebrain.devices.grpc.v1.ListDevicesResponse;
import com.placebrain.devices.grpc.v1.ValueType;
import io.grpc.ManagedChannel;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.JedisPooled;

/**
 * The registry's reads over gRPC: GetDevice of a device with 5 sensors and 5 actuators, and
 * ListDevices of its place, against Health/Check on the same channel in the same rounds. The data
 * is made as a user makes it: an owner role in the role cache (RoleCache's layout), then
 * CreateDevice, CreateSensor and CreateActuator; DeleteDevicesByPlace and the role keys' removal
 * clean up.
 */
final class DeviceReadLoad {

    private DeviceReadLoad() {
    }

    static List<Row> figure(Bench bench) throws Exception {
        int inFlight = bench.integer("devices-inflight");
        int devices = bench.integer("list-devices");
        String user = UUID.randomUUID().toString();
        String place = UUID.randomUUID().toString();
        ManagedChannel channel = bench.channel(bench.integer("grpc-port"));
        try (JedisPooled redis = bench.redis()) {
            redis.hset("place_roles:" + place, user, "owner");
            redis.sadd("user_places:" + user, place);
            try {
                DevicesServiceGrpc.DevicesServiceBlockingStub api = DevicesServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(300, TimeUnit.SECONDS);
                String device = createDevice(api, user, place, 0);
                for (int i = 1; i < devices; i++) {
                    createDevice(api, user, place, i);
                }
                for (int i = 1; i <= 5; i++) {
                    api.createSensor(CreateSensorRequest.newBuilder().setUserId(user).setPlaceId(place)
                            .setDeviceId(device).setKey("temperature_" + i).setName("Temperature " + i)
                            .setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("°C").setPrecision(1).build());
                    api.createActuator(CreateActuatorRequest.newBuilder().setUserId(user).setPlaceId(place)
                            .setDeviceId(device).setKey("valve_" + i).setName("Valve " + i)
                            .setValueType(ValueType.VALUE_TYPE_NUMBER).setUnitLabel("%").setMinValue(0)
                            .setMaxValue(100).setStep(1).build());
                }
                DevicesServiceGrpc.DevicesServiceStub stub = DevicesServiceGrpc.newStub(channel);
                GetDeviceRequest get = GetDeviceRequest.newBuilder().setUserId(user).setPlaceId(place)
                        .setDeviceId(device).build();
                ListDevicesRequest list = ListDevicesRequest.newBuilder().setUserId(user).setPlaceId(place).setPage(1)
                        .setPerPage(devices).build();
                return RateRounds.compare(bench, "req/s",
                        new RateRounds.Measured("Health/Check", inFlight, GrpcHealthLoad.check(channel)),
                        List.of(new RateRounds.Measured("GetDevice", inFlight, (i, done) -> stub.getDevice(get,
                                        Load.observer(done, (GetDeviceResponse answer) ->
                                                answer.getDevice().getSensorsCount() == 5
                                                        && answer.getDevice().getActuatorsCount() == 5))),
                                new RateRounds.Measured("ListDevices", inFlight, (i, done) -> stub.listDevices(list,
                                        Load.observer(done, (ListDevicesResponse answer) ->
                                                answer.getDevicesCount() == devices)))),
                        String.format("one channel; GetDevice of a device with 5 sensors, 5 actuators; ListDevices"
                                + " page of %d devices; owner role in Redis", devices));
            } finally {
                DevicesServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                        .deleteDevicesByPlace(DeleteDevicesByPlaceRequest.newBuilder().setPlaceId(place).build());
                redis.del("place_roles:" + place, "user_places:" + user);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static String createDevice(DevicesServiceGrpc.DevicesServiceBlockingStub api, String user, String place,
                                       int number) {
        return api.createDevice(CreateDeviceRequest.newBuilder().setUserId(user).setPlaceId(place)
                .setName("bench device " + number).build()).getDeviceId();
    }
}

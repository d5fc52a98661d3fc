package com.placebrain.devices.api;

import static com.placebrain.devices.api.GrpcCalls.unary;

import com.placebrain.devices.actuators.ActuatorMessages;
import com.placebrain.devices.actuators.ActuatorService;
import com.placebrain.devices.commands.CommandService;
import com.placebrain.devices.devices.DeviceMessages;
import com.placebrain.devices.devices.DeviceService;
import com.placebrain.devices.grpc.v1.*;
import com.placebrain.devices.mqttaccess.IssuedCredentials;
import com.placebrain.devices.mqttaccess.MqttAclService;
import com.placebrain.devices.mqttaccess.MqttAuthService;
import com.placebrain.devices.mqttaccess.MqttCredentialsService;
import com.placebrain.devices.readings.LatestReadings;
import com.placebrain.devices.sensors.SensorMessages;
import com.placebrain.devices.sensors.SensorService;
import com.placebrain.devices.thresholds.ThresholdMessages;
import com.placebrain.devices.thresholds.ThresholdService;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * The gRPC face of the service ({@code /devices.DevicesService/*}). Each RPC translates its
 * request, delegates to the capability's service and translates the answer; the rules live in
 * the services. RPCs not overridden here answer UNIMPLEMENTED.
 */
@ApplicationScoped
public class DevicesGrpcEndpoint extends DevicesServiceGrpc.DevicesServiceImplBase {

    @Inject
    DeviceService devices;

    @Inject
    SensorService sensors;

    @Inject
    ActuatorService actuators;

    @Inject
    ThresholdService thresholds;

    @Inject
    LatestReadings readings;

    @Inject
    CommandService commands;

    @Inject
    MqttAuthService mqttAuth;

    @Inject
    MqttAclService mqttAcl;

    @Inject
    MqttCredentialsService mqttCredentials;

    // ---- devices

    @Override
    public void createDevice(CreateDeviceRequest request, StreamObserver<CreateDeviceResponse> response) {
        unary(request, response, () -> {
            DeviceService.CreatedDevice created = devices.create(request.getUserId(), request.getPlaceId(),
                    request.getName());
            return CreateDeviceResponse.newBuilder()
                    .setDeviceId(created.id().toString()).setToken(created.token()).build();
        });
    }

    @Override
    public void getDevice(GetDeviceRequest request, StreamObserver<GetDeviceResponse> response) {
        unary(request, response, () -> GetDeviceResponse.newBuilder()
                .setDevice(devices.get(request.getUserId(), request.getPlaceId(), request.getDeviceId()))
                .build());
    }

    @Override
    public void listDevices(ListDevicesRequest request, StreamObserver<ListDevicesResponse> response) {
        unary(request, response, () -> devices.list(request.getUserId(), request.getPlaceId(),
                request.getPage(), request.getPerPage()));
    }

    @Override
    public void updateDevice(UpdateDeviceRequest request, StreamObserver<UpdateDeviceResponse> response) {
        unary(request, response, () -> UpdateDeviceResponse.newBuilder()
                .setDeviceId(devices.rename(request.getUserId(), request.getPlaceId(), request.getDeviceId(),
                        request.getName()).toString())
                .build());
    }

    @Override
    public void deleteDevice(DeleteDeviceRequest request, StreamObserver<DeleteDeviceResponse> response) {
        unary(request, response, () -> {
            devices.delete(request.getUserId(), request.getPlaceId(), request.getDeviceId());
            return DeleteDeviceResponse.newBuilder().setSuccess(true).build();
        });
    }

    @Override
    public void regenerateDeviceToken(RegenerateDeviceTokenRequest request,
                                      StreamObserver<RegenerateDeviceTokenResponse> response) {
        unary(request, response, () -> RegenerateDeviceTokenResponse.newBuilder()
                .setToken(devices.regenerateToken(request.getUserId(), request.getPlaceId(), request.getDeviceId()))
                .build());
    }

    @Override
    public void deleteDevicesByPlace(DeleteDevicesByPlaceRequest request,
                                     StreamObserver<DeleteDevicesByPlaceResponse> response) {
        unary(request, response, () -> {
            List<UUID> deleted = devices.deleteAllOfPlace(request.getPlaceId());
            return DeleteDevicesByPlaceResponse.newBuilder()
                    .setSuccess(true)
                    .setDeletedCount(deleted.size())
                    .addAllDeviceIds(deleted.stream().map(UUID::toString).toList())
                    .build();
        });
    }

    @Override
    public void updateDeviceStatus(UpdateDeviceStatusRequest request,
                                   StreamObserver<UpdateDeviceStatusResponse> response) {
        unary(request, response, () -> {
            devices.updateStatus(request.getDeviceId(), DeviceMessages.fromWire(request.getStatus()));
            return UpdateDeviceStatusResponse.newBuilder().setSuccess(true).build();
        });
    }

    // ---- sensors

    @Override
    public void createSensor(CreateSensorRequest request, StreamObserver<CreateSensorResponse> response) {
        unary(request, response, () -> CreateSensorResponse.newBuilder()
                .setSensorId(sensors.create(request.getUserId(), request.getPlaceId(), request.getDeviceId(),
                        request.getKey(), request.getName(), SensorMessages.fromWire(request.getValueType()),
                        request.getUnitLabel(), request.getPrecision()).toString())
                .build());
    }

    @Override
    public void listSensors(ListSensorsRequest request, StreamObserver<ListSensorsResponse> response) {
        unary(request, response, () -> {
            ListSensorsResponse.Builder answer = ListSensorsResponse.newBuilder();
            sensors.list(request.getUserId(), request.getPlaceId(), request.getDeviceId())
                    .forEach(s -> answer.addSensors(SensorMessages.info(s)));
            return answer.build();
        });
    }

    @Override
    public void updateSensor(UpdateSensorRequest request, StreamObserver<UpdateSensorResponse> response) {
        unary(request, response, () -> UpdateSensorResponse.newBuilder()
                .setSensorId(sensors.update(request.getUserId(), request.getPlaceId(), request.getDeviceId(),
                        request.getSensorId(), request.getName(), request.getUnitLabel(),
                        request.getPrecision()).toString())
                .build());
    }

    @Override
    public void deleteSensor(DeleteSensorRequest request, StreamObserver<DeleteSensorResponse> response) {
        unary(request, response, () -> {
            sensors.delete(request.getUserId(), request.getPlaceId(), request.getDeviceId(), request.getSensorId());
            return DeleteSensorResponse.newBuilder().setSuccess(true).build();
        });
    }

    // ---- actuators

    @Override
    public void createActuator(CreateActuatorRequest request, StreamObserver<CreateActuatorResponse> response) {
        unary(request, response, () -> CreateActuatorResponse.newBuilder()
                .setActuatorId(actuators.create(request.getUserId(), request.getPlaceId(), request.getDeviceId(),
                        request.getKey(), request.getName(), ActuatorMessages.fromWire(request.getValueType()),
                        request.getUnitLabel(), request.getPrecision(), request.getMinValue(),
                        request.getMaxValue(), request.getStep(), request.getEnumOptionsList()).toString())
                .build());
    }

    @Override
    public void listActuators(ListActuatorsRequest request, StreamObserver<ListActuatorsResponse> response) {
        unary(request, response, () -> {
            ListActuatorsResponse.Builder answer = ListActuatorsResponse.newBuilder();
            actuators.list(request.getUserId(), request.getPlaceId(), request.getDeviceId())
                    .forEach(a -> answer.addActuators(ActuatorMessages.info(a)));
            return answer.build();
        });
    }

    @Override
    public void updateActuator(UpdateActuatorRequest request, StreamObserver<UpdateActuatorResponse> response) {
        unary(request, response, () -> UpdateActuatorResponse.newBuilder()
                .setActuatorId(actuators.update(request.getUserId(), request.getPlaceId(), request.getDeviceId(),
                        request.getActuatorId(), request.getName(), request.getUnitLabel(), request.getPrecision(),
                        request.getMinValue(), request.getMaxValue(), request.getStep(),
                        request.getEnumOptionsList()).toString())
                .build());
    }

    @Override
    public void deleteActuator(DeleteActuatorRequest request, StreamObserver<DeleteActuatorResponse> response) {
        unary(request, response, () -> {
            actuators.delete(request.getUserId(), request.getPlaceId(), request.getDeviceId(),
                    request.getActuatorId());
            return DeleteActuatorResponse.newBuilder().setSuccess(true).build();
        });
    }

    // ---- thresholds

    @Override
    public void setThreshold(SetThresholdRequest request, StreamObserver<SetThresholdResponse> response) {
        unary(request, response, () -> SetThresholdResponse.newBuilder()
                .setThresholdId(thresholds.set(request.getUserId(), request.getPlaceId(), request.getDeviceId(),
                        request.getSensorId(), ThresholdMessages.fromWire(request.getType()), request.getValue(),
                        ThresholdMessages.fromWire(request.getSeverity())).threshold().id().toString())
                .build());
    }

    @Override
    public void listThresholds(ListThresholdsRequest request, StreamObserver<ListThresholdsResponse> response) {
        unary(request, response, () -> {
            ListThresholdsResponse.Builder answer = ListThresholdsResponse.newBuilder();
            thresholds.list(request.getUserId(), request.getPlaceId(), request.getDeviceId(), request.getSensorId())
                    .forEach(t -> answer.addThresholds(ThresholdMessages.info(t)));
            return answer.build();
        });
    }

    @Override
    public void deleteThreshold(DeleteThresholdRequest request, StreamObserver<DeleteThresholdResponse> response) {
        unary(request, response, () -> {
            thresholds.delete(request.getUserId(), request.getPlaceId(), request.getDeviceId(),
                    request.getSensorId(), request.getThresholdId());
            return DeleteThresholdResponse.newBuilder().setSuccess(true).build();
        });
    }

    @Override
    public void getSensorThresholds(GetSensorThresholdsRequest request,
                                    StreamObserver<GetSensorThresholdsResponse> response) {
        unary(request, response, () -> {
            GetSensorThresholdsResponse.Builder answer = GetSensorThresholdsResponse.newBuilder();
            thresholds.ofSensor(request.getSensorId()).forEach(t -> answer.addThresholds(ThresholdMessages.info(t)));
            return answer.build();
        });
    }

    @Override
    public void getAllThresholds(GetAllThresholdsRequest request, StreamObserver<GetAllThresholdsResponse> response) {
        unary(request, response, () -> {
            ThresholdMessages.AllThresholds all = new ThresholdMessages.AllThresholds();
            thresholds.forEachThreshold(all);
            return all.build();
        });
    }

    // ---- commands and MQTT access

    /** success=true only once the broker acknowledged the command (QoS 1). */
    @Override
    public void sendCommand(SendCommandRequest request, StreamObserver<SendCommandResponse> response) {
        unary(request, response, () -> {
            commands.send(request.getUserId(), request.getPlaceId(), request.getDeviceId(), request.getActuatorKey(),
                    request.getValue());
            return SendCommandResponse.newBuilder().setSuccess(true).build();
        });
    }

    @Override
    public void authenticateDevice(AuthenticateDeviceRequest request,
                                   StreamObserver<AuthenticateDeviceResponse> response) {
        unary(request, response, () -> AuthenticateDeviceResponse.newBuilder()
                .setAllow(mqttAuth.authenticate(request.getUsername(), request.getPassword()).allowed())
                .build());
    }

    @Override
    public void checkDeviceAcl(CheckDeviceAclRequest request, StreamObserver<CheckDeviceAclResponse> response) {
        unary(request, response, () -> CheckDeviceAclResponse.newBuilder()
                .setAllow(mqttAcl.check(request.getUsername(), request.getTopic(), request.getAction()).allowed())
                .build());
    }

    @Override
    public void generateMqttCredentials(GenerateMqttCredentialsRequest request,
                                        StreamObserver<GenerateMqttCredentialsResponse> response) {
        unary(request, response, () -> {
            IssuedCredentials issued = mqttCredentials.generate(request.getUserId());
            return GenerateMqttCredentialsResponse.newBuilder()
                    .setUsername(issued.username()).setPassword(issued.password()).setExpiresAt(issued.expiresAt())
                    .build();
        });
    }

    @Override
    public void invalidateMqttCredentials(InvalidateMqttCredentialsRequest request,
                                          StreamObserver<InvalidateMqttCredentialsResponse> response) {
        unary(request, response, () -> {
            mqttCredentials.invalidate(request.getUserIdsList());
            return InvalidateMqttCredentialsResponse.newBuilder().setSuccess(true).build();
        });
    }

    // ---- readings

    @Override
    public void getLatestDeviceReadings(GetLatestDeviceReadingsRequest request,
                                        StreamObserver<GetLatestDeviceReadingsResponse> response) {
        unary(request, response, () -> {
            GetLatestDeviceReadingsResponse.Builder answer = GetLatestDeviceReadingsResponse.newBuilder();
            readings.latest(request.getUserId(), request.getPlaceId(), request.getDeviceId())
                    .forEach(r -> answer.addReadings(DeviceReading.newBuilder()
                            .setKey(r.key()).setValue(r.value()).setTime(r.time())));
            return answer.build();
        });
    }
}

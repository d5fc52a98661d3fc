package com.placebrain.devices.devices;

import com.placebrain.devices.actuators.ActuatorMessages;
import com.placebrain.devices.grpc.v1.DeviceInfo;
import com.placebrain.devices.grpc.v1.DeviceSummary;
import com.placebrain.devices.grpc.v1.ListDevicesResponse;
import com.placebrain.devices.platform.grpc.WireTime;
import com.placebrain.devices.sensors.SensorMessages;

/** Devices on the gRPC wire. */
public final class DeviceMessages {

    private DeviceMessages() {
    }

    public static com.placebrain.devices.grpc.v1.DeviceStatus toWire(DeviceStatus status) {
        return switch (status) {
            case ONLINE -> com.placebrain.devices.grpc.v1.DeviceStatus.DEVICE_STATUS_ONLINE;
            case OFFLINE -> com.placebrain.devices.grpc.v1.DeviceStatus.DEVICE_STATUS_OFFLINE;
        };
    }

    /** Null for UNSPECIFIED or a number this contract does not know. */
    public static DeviceStatus fromWire(com.placebrain.devices.grpc.v1.DeviceStatus status) {
        return switch (status) {
            case DEVICE_STATUS_ONLINE -> DeviceStatus.ONLINE;
            case DEVICE_STATUS_OFFLINE -> DeviceStatus.OFFLINE;
            default -> null;
        };
    }

    public static DeviceSummary summary(DeviceView device) {
        return DeviceSummary.newBuilder()
                .setDeviceId(device.id().toString())
                .setPlaceId(device.placeId().toString())
                .setName(device.name())
                .setStatus(toWire(device.status()))
                .setLastSeenAt(WireTime.format(device.lastSeenAt()))
                .build();
    }

    public static ListDevicesResponse page(DeviceService.DevicePage page) {
        ListDevicesResponse.Builder answer = ListDevicesResponse.newBuilder().setTotal(page.total());
        page.devices().forEach(d -> answer.addDevices(summary(d)));
        return answer.build();
    }

    public static DeviceInfo info(DeviceService.DeviceDetails details) {
        DeviceView device = details.device();
        DeviceInfo.Builder info = DeviceInfo.newBuilder()
                .setDeviceId(device.id().toString())
                .setPlaceId(device.placeId().toString())
                .setName(device.name())
                .setStatus(toWire(device.status()))
                .setLastSeenAt(WireTime.format(device.lastSeenAt()))
                .setCreatedAt(WireTime.format(device.createdAt()))
                .setUpdatedAt(WireTime.format(device.updatedAt()));
        details.sensors().forEach(s -> info.addSensors(SensorMessages.info(s)));
        details.actuators().forEach(a -> info.addActuators(ActuatorMessages.info(a)));
        return info.build();
    }
}

package com.placebrain.devices.platform.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.placebrain.devices.grpc.v1.CreateActuatorRequest;
import com.placebrain.devices.grpc.v1.DeviceInfo;
import com.placebrain.devices.grpc.v1.DevicesProto;
import com.placebrain.devices.grpc.v1.GetDeviceResponse;
import com.placebrain.devices.grpc.v1.SendCommandRequest;
import com.placebrain.devices.grpc.v1.SensorInfo;
import com.placebrain.devices.platform.errors.ServiceException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestTextTest {

    /** Every string field of every request type the service takes, from the proto's descriptors. */
    static Stream<Arguments> requestStringFields() {
        List<Descriptor> requests = DevicesProto.getDescriptor().getServices().stream()
                .flatMap(service -> service.getMethods().stream()).map(method -> method.getInputType()).toList();
        assertFalse(requests.isEmpty());
        return requests.stream().flatMap(type -> type.getFields().stream()
                .filter(field -> field.getJavaType() == FieldDescriptor.JavaType.STRING)
                .map(field -> Arguments.of(type.getName(), field.getName(), field)));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("requestStringFields")
    void aNulInAnyStringFieldOfAnyRequestIsInvalidNamingIt(String type, String name, FieldDescriptor field) {
        for (String value : List.of("\u0000", "valid\u0000", "\u0000valid", "va\u0000lid")) {
            DynamicMessage.Builder request = DynamicMessage.newBuilder(field.getContainingType());
            if (field.isRepeated()) {
                request.addRepeatedField(field, "fine").addRepeatedField(field, value);
            } else {
                request.setField(field, value);
            }
            assertInvalid(name, request.build());
        }
        DynamicMessage.Builder clean = DynamicMessage.newBuilder(field.getContainingType());
        if (field.isRepeated()) {
            clean.addRepeatedField(field, "fine\t\u0001\u007f\uD83D\uDE00");
        } else {
            clean.setField(field, "fine\t\u0001\u007f\uD83D\uDE00");
        }
        RequestText.refuseNul(clean.build());
    }

    @Test
    void generatedMessagesAreCheckedTheSameWay() {
        assertInvalid("actuator_key", SendCommandRequest.newBuilder().setActuatorKey("valve\u0000").setValue("1").build());
        assertInvalid("enum_options", CreateActuatorRequest.newBuilder().setKey("mode")
                .addAllEnumOptions(List.of("day", "night\u0000")).build());
        RequestText.refuseNul(SendCommandRequest.newBuilder().setActuatorKey("valve").setValue("1").build());
        RequestText.refuseNul(SendCommandRequest.getDefaultInstance());
    }

    @Test
    void nestedMessagesAreCheckedAndNamedByTheirPath() {
        SensorInfo fine = SensorInfo.newBuilder().setKey("temp").build();
        assertInvalid("device.sensors.key", GetDeviceResponse.newBuilder().setDevice(DeviceInfo.newBuilder()
                .setName("boiler").addSensors(fine).addSensors(SensorInfo.newBuilder().setKey("hum\u0000"))).build());
        assertInvalid("device.name", GetDeviceResponse.newBuilder().setDevice(DeviceInfo.newBuilder()
                .setName("boiler\u0000").addSensors(fine)).build());
        RequestText.refuseNul(GetDeviceResponse.newBuilder().setDevice(DeviceInfo.newBuilder().addSensors(fine)).build());
    }

    private static void assertInvalid(String field, Message request) {
        ServiceException refused = assertThrows(ServiceException.class, () -> RequestText.refuseNul(request));
        assertEquals(ServiceException.Kind.INVALID_ARGUMENT, refused.kind());
        assertEquals(field + ": must not contain the NUL character", refused.getMessage());
    }
}

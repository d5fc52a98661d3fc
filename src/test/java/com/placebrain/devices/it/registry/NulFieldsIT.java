package com.placebrain.devices.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.Fixture.World;
import com.placebrain.devices.it.support.GrpcStatus;
import com.placebrain.devices.it.support.Ids;
import com.placebrain.devices.it.support.ServerLog;
import com.placebrain.devices.it.support.ServiceDeployment;
import com.placebrain.devices.it.support.TestEnvironment;
import com.placebrain.devices.it.support.UserCredentialKeys;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.JedisPooled;

/**
 * Issue 11: NUL in any string field of any RPC is INVALID_ARGUMENT naming the field, writes
 * nothing and leaves no stack trace in the server log. The table is the service's descriptor:
 * every string field (singular or repeated) of every request type, so a new RPC or field is
 * covered without touching this test. Every other string field holds a value that fits the
 * field's meaning in a real place (ids of its device, sensor, actuator and threshold), so the NUL
 * is the only fault.
 */
class NulFieldsIT extends ServiceDeployment {

    private static JedisPooled redis;
    private static World world;

    @BeforeAll
    static void connect() {
        redis = TestEnvironment.redis();
        world = fixture.world();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    static Stream<Arguments> stringFieldsOfEveryRequest() {
        return DevicesServiceGrpc.getServiceDescriptor().getMethods().stream().flatMap(method -> {
            Message prototype = prototype(method);
            return prototype.getDescriptorForType().getFields().stream()
                    .filter(field -> field.getJavaType() == FieldDescriptor.JavaType.STRING)
                    .map(field -> Arguments.of(method.getBareMethodName(), field.getName(), method, field));
        });
    }

    @Test
    void theTableCoversEveryRpcWithAStringField() {
        List<String> rpcs = stringFieldsOfEveryRequest().map(a -> (String) a.get()[0]).distinct().toList();
        assertEquals(26, rpcs.size(), "RPCs whose request has a string field (all but GetAllThresholds): " + rpcs);
        assertTrue(stringFieldsOfEveryRequest().anyMatch(a -> a.get()[0].equals("SendCommand")
                && a.get()[1].equals("actuator_key")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stringFieldsOfEveryRequest")
    void aNulIsInvalidArgumentNamingTheFieldAndWritesNothing(String rpc, String name, MethodDescriptor<?, ?> method,
                                                              FieldDescriptor field) throws Exception {
        Message.Builder request = valid(prototype(method));
        if (field.isRepeated()) {
            request.clearField(field).addRepeatedField(field, valueOf(field)).addRepeatedField(field, valueOf(field) + "\u0000");
        } else {
            request.setField(field, valueOf(field) + "\u0000");
        }
        List<String> before = Database.snapshot(world.place());
        ServerLog log = ServerLog.mark();

        StatusRuntimeException refused = GrpcStatus.assertStatus(Status.Code.INVALID_ARGUMENT,
                () -> call(method, request.build()), rpc + " " + name);

        assertEquals(name + ": must not contain the NUL character", refused.getStatus().getDescription());
        assertEquals(before, Database.snapshot(world.place()), "nothing written to PostgreSQL");
        assertFalse(redis.exists(UserCredentialKeys.ours(world.owner())), "no MQTT credentials issued");
        assertEquals(List.of(), log.stackTraceLines(), "no stack trace in the server log");
        assertTrue(log.lines().stream().noneMatch(l -> l.contains("Unexpected failure")), "no INTERNAL logged");
    }

    /** The request with every string field set to a value that fits it; NUL is then the only fault. */
    private static Message.Builder valid(Message prototype) {
        Message.Builder builder = prototype.toBuilder();
        for (FieldDescriptor field : prototype.getDescriptorForType().getFields()) {
            if (field.getJavaType() != FieldDescriptor.JavaType.STRING) {
                continue;
            }
            if (field.isRepeated()) {
                builder.addRepeatedField(field, valueOf(field));
            } else {
                builder.setField(field, valueOf(field));
            }
        }
        return builder;
    }

    /** A value that fits the field by its name; "text" for a field this table does not know yet. */
    private static String valueOf(FieldDescriptor field) {
        return switch (field.getName()) {
            case "user_id", "user_ids" -> world.owner();
            case "place_id" -> world.place();
            case "device_id" -> world.device();
            case "sensor_id" -> world.sensor();
            case "actuator_id" -> world.actuator();
            case "threshold_id" -> world.threshold();
            case "key" -> Ids.freshKey();
            case "actuator_key" -> "valve";
            case "value" -> "50";
            case "username" -> "device:" + world.device();
            case "topic" -> "placebrain/" + world.place() + "/devices/" + world.device() + "/telemetry";
            case "action" -> "publish";
            default -> "text";
        };
    }

    private static Message prototype(MethodDescriptor<?, ?> method) {
        return (Message) ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller()).getMessagePrototype();
    }

    @SuppressWarnings("unchecked")
    private static Object call(MethodDescriptor<?, ?> method, Message request) {
        return ClientCalls.blockingUnaryCall(client.channel(), (MethodDescriptor<Message, Object>) method,
                CallOptions.DEFAULT.withDeadlineAfter(15, TimeUnit.SECONDS), request);
    }
}

package com.placebrain.devices.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.placebrain.devices.grpc.v1.CreateActuatorRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceResponse;
import com.placebrain.devices.grpc.v1.CreateSensorRequest;
import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import com.placebrain.devices.grpc.v1.SetThresholdRequest;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.grpc.v1.ValueType;
import com.placebrain.devices.it.TestEnvironment;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;

/**
 * A gRPC client of the devices service for the registry tests: blocking stubs with a 10 s
 * deadline, the role cache, builders of small worlds, and assertions on status codes.
 * Every place and user it makes is a fresh random UUID, so tests never share data.
 */
final class RegistryClient implements AutoCloseable {

    static final long DEADLINE_SECONDS = 10;
    /** GetAllThresholds answers grow with the whole database; never let the default 4 MiB cut them. */
    static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;

    /** ISO-8601 with offset as the Python service writes it (UTC, microseconds when not zero). */
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00");
    /** 32 random bytes, URL-safe base64 without padding. */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    final Roles roles = new Roles();
    private final ManagedChannel channel = TestEnvironment.grpcChannelBuilder()
            .maxInboundMessageSize(MAX_INBOUND_BYTES)
            .build();

    /** A blocking stub whose deadline starts now: take a new one for every call. */
    DevicesServiceGrpc.DevicesServiceBlockingStub rpc() {
        return DevicesServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            roles.close();
        } finally {
            try {
                TestEnvironment.close(channel);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A fresh user who owns the place; returns the user's id. */
    String newOwner(String placeId) {
        return roles.newMember(placeId, Roles.OWNER);
    }

    // ------------------------------------------------------------ building data through the service

    CreateDeviceResponse createDevice(String userId, String placeId, String name) {
        return rpc().createDevice(CreateDeviceRequest.newBuilder()
                .setUserId(userId).setPlaceId(placeId).setName(name).build());
    }

    String createSensor(String userId, String placeId, String deviceId, String key, ValueType type) {
        return rpc().createSensor(CreateSensorRequest.newBuilder()
                .setUserId(userId).setPlaceId(placeId).setDeviceId(deviceId)
                .setKey(key).setName("Sensor " + key).setValueType(type).setUnitLabel("").setPrecision(0)
                .build()).getSensorId();
    }

    String createNumberActuator(String userId, String placeId, String deviceId, String key) {
        return rpc().createActuator(CreateActuatorRequest.newBuilder()
                .setUserId(userId).setPlaceId(placeId).setDeviceId(deviceId)
                .setKey(key).setName("Actuator " + key).setValueType(ValueType.VALUE_TYPE_NUMBER)
                .setUnitLabel("%").setPrecision(0).setMinValue(0).setMaxValue(100).setStep(1)
                .build()).getActuatorId();
    }

    String setThreshold(String userId, String placeId, String deviceId, String sensorId,
                        ThresholdType type, double value, ThresholdSeverity severity) {
        return rpc().setThreshold(SetThresholdRequest.newBuilder()
                .setUserId(userId).setPlaceId(placeId).setDeviceId(deviceId).setSensorId(sensorId)
                .setType(type).setValue(value).setSeverity(severity)
                .build()).getThresholdId();
    }

    /**
     * One place with an owner and one device holding sensor {@code temp} (threshold MIN 5 WARNING)
     * and NUMBER actuator {@code valve}.
     */
    World world() {
        String place = newId();
        String owner = newOwner(place);
        String device = createDevice(owner, place, "Device").getDeviceId();
        String sensor = createSensor(owner, place, device, "temp", ValueType.VALUE_TYPE_NUMBER);
        String threshold = setThreshold(owner, place, device, sensor,
                ThresholdType.THRESHOLD_TYPE_MIN, 5.0, ThresholdSeverity.THRESHOLD_SEVERITY_WARNING);
        String actuator = createNumberActuator(owner, place, device, "valve");
        return new World(place, owner, device, sensor, actuator, threshold);
    }

    record World(String place, String owner, String device, String sensor, String actuator, String threshold) {
        /** Every id of the world, addressed by its owner. */
        RegistryRpcs.Target target() {
            return new RegistryRpcs.Target(owner, place, device, sensor, actuator, threshold);
        }
    }

    // ------------------------------------------------------------ assertions

    /** The call fails with exactly {@code expected}; {@code what} names the case in the message. */
    static StatusRuntimeException assertStatus(Status.Code expected, Executable call, String what) {
        Throwable thrown = null;
        try {
            call.execute();
        } catch (Throwable t) {
            thrown = t;
        }
        if (thrown == null) {
            return fail(what + ": expected " + expected + " but the call succeeded");
        }
        if (!(thrown instanceof StatusRuntimeException e)) {
            return fail(what + ": expected " + expected + " but got " + thrown, thrown);
        }
        assertEquals(expected, e.getStatus().getCode(), what + ": " + e.getStatus());
        return e;
    }

    /** INVALID_ARGUMENT whose description names the field. */
    static void assertInvalid(String field, Executable call, String what) {
        assertInvalidNaming(call, what, field);
    }

    /** INVALID_ARGUMENT whose description names at least one of the fields. */
    static void assertInvalidNaming(Executable call, String what, String... fields) {
        StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT, call, what);
        String description = e.getStatus().getDescription();
        assertNotNull(description, what + ": INVALID_ARGUMENT without a description");
        assertTrue(Arrays.stream(fields).anyMatch(description::contains),
                what + ": description \"" + description + "\" should name " + String.join(" or ", fields));
        assertTrue(!description.contains("Exception") && !description.contains("SQL"),
                what + ": description leaks internals: " + description);
    }

    static void assertCanonicalUuidV7(String id, String what) {
        assertTrue(CANONICAL_UUID.matcher(id).matches(), what + " is a canonical lower-case UUID: " + id);
        assertEquals(7, UUID.fromString(id).version(), what + " is a UUIDv7: " + id);
    }

    static void assertTimestamp(String text, String what) {
        assertTrue(TIMESTAMP.matcher(text).matches(), what + " is ISO-8601 UTC with offset: \"" + text + "\"");
    }

    /** A wire timestamp within {@code slack} of now (server and tests share the machine's clock). */
    static void assertRecent(String text, Duration slack, String what) {
        assertTimestamp(text, what);
        OffsetDateTime at = OffsetDateTime.parse(text);
        OffsetDateTime now = OffsetDateTime.now();
        assertTrue(!at.isBefore(now.minus(slack)) && !at.isAfter(now.plus(slack)),
                what + " " + text + " is within " + slack + " of now " + now);
    }
}

package com.placebrain.devices.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import com.placebrain.devices.grpc.v1.GetSensorThresholdsRequest;
import com.placebrain.devices.grpc.v1.ListDevicesRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.File;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With PostgreSQL or Redis stopped, calls answer UNAVAILABLE within the caller's deadline, and
 * work again once the dependency is back, without restarting the service.
 */
class DependencyOutageIT extends ServiceDeployment {

    private static final long DEADLINE_SECONDS = 8;
    private static ManagedChannel channel;
    private static DevicesServiceGrpc.DevicesServiceBlockingStub devices;

    @BeforeAll
    static void connect() {
        channel = TestEnvironment.grpcChannel();
        devices = DevicesServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void disconnect() throws Exception {
        TestEnvironment.stackUp();
        TestEnvironment.close(channel);
    }

    @Test
    void redisDownMeansUnavailableThenRecovers() throws Exception {
        ListDevicesRequest list = ListDevicesRequest.newBuilder()
                .setUserId(UUID.randomUUID().toString()).setPlaceId(UUID.randomUUID().toString()).build();
        assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> call().listDevices(list)));
        TestEnvironment.run("redis-cli", "-h", "127.0.0.1", "shutdown", "nosave");
        try {
            long started = System.nanoTime();
            StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> call().listDevices(list));
            assertEquals(Status.Code.UNAVAILABLE, error.getStatus().getCode(), error.getStatus().toString());
            assertTrue(error.getStatus().getDescription().contains("Redis"), error.getStatus().toString());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS));
        } finally {
            TestEnvironment.stackUp();
        }
        assertEquals(Status.Code.PERMISSION_DENIED, eventually(() -> call().listDevices(list)));
    }

    @Test
    void postgresDownMeansUnavailableThenRecovers() throws Exception {
        GetSensorThresholdsRequest thresholds = GetSensorThresholdsRequest.newBuilder()
                .setSensorId(UUID.randomUUID().toString()).build();
        assertEquals(0, call().getSensorThresholds(thresholds).getThresholdsCount());
        String cluster = Objects.requireNonNull(new File("/etc/postgresql").list())[0];
        TestEnvironment.run("pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "stop", "-m", "fast");
        try {
            StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
                    () -> call().getSensorThresholds(thresholds));
            assertEquals(Status.Code.UNAVAILABLE, error.getStatus().getCode(), error.getStatus().toString());
            assertEquals("database unavailable", error.getStatus().getDescription());
        } finally {
            TestEnvironment.stackUp();
        }
        assertEquals(Status.Code.OK, eventually(() -> call().getSensorThresholds(thresholds)));
    }

    /** The first call after a restart may still meet a connection the pool has yet to discard. */
    private static Status.Code eventually(Runnable call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Status.Code code = codeOf(call);
        while (code == Status.Code.UNAVAILABLE && System.nanoTime() < deadline) {
            Thread.sleep(250);
            code = codeOf(call);
        }
        return code;
    }

    private static DevicesServiceGrpc.DevicesServiceBlockingStub call() {
        return devices.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    private static Status.Code codeOf(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}

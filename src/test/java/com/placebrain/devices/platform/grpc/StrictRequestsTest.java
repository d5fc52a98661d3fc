package com.placebrain.devices.platform.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.GetDeviceResponse;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request bodies that are not a message of their type, sent as raw bytes to an in-process server. */
class StrictRequestsTest {

    private final AtomicInteger handled = new AtomicInteger();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        DevicesServiceGrpc.DevicesServiceImplBase service = new DevicesServiceGrpc.DevicesServiceImplBase() {
            @Override
            public void getDevice(GetDeviceRequest request, StreamObserver<GetDeviceResponse> response) {
                handled.incrementAndGet();
                response.onNext(GetDeviceResponse.getDefaultInstance());
                response.onCompleted();
            }
        };
        server = InProcessServerBuilder.forName(name)
                .addService(StrictRequests.of(service.bindService())).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void aTruncatedBodyIsInvalidArgumentAndNoHandlerRuns() {
        // field 1 (user_id), length 5, but only one byte follows
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> getDevice(new byte[] {0x0a, 5, 'a'}));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().startsWith("malformed request"), refused.getStatus().getDescription());
        assertEquals(0, handled.get());
    }

    @Test
    void aStringThatIsNotUtf8IsInvalidArgumentAndNoHandlerRuns() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> getDevice(new byte[] {0x0a, 2, (byte) 0xc3, 0x28}));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertEquals(0, handled.get());
    }

    @Test
    void aWellFormedBodyReachesTheHandler() {
        byte[] body = GetDeviceRequest.newBuilder().setUserId("u").build().toByteArray();
        assertArrayEquals(new byte[0], getDevice(body));
        assertEquals(1, handled.get());
    }

    private byte[] getDevice(byte[] body) {
        MethodDescriptor<byte[], byte[]> raw = RawBytes.of(DevicesServiceGrpc.getGetDeviceMethod());
        return ClientCalls.blockingUnaryCall(channel, raw, CallOptions.DEFAULT, body);
    }
}

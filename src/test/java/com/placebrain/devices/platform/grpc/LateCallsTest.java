package com.placebrain.devices.platform.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the service relies on grpc-java for (README, "gRPC transport"): a call that waited for a
 * handler thread past its deadline is answered DEADLINE_EXCEEDED and never run, so no write is
 * made for a caller who was told it failed.
 */
class LateCallsTest {

    @Test
    void aCallPastItsDeadlineWhenItsTurnComesIsNotRun() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        HealthGrpc.HealthImplBase service = new HealthGrpc.HealthImplBase() {
            @Override
            public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
                ran.incrementAndGet();
                if (request.getService().equals("slow")) {
                    await(release);
                }
                response.onNext(HealthCheckResponse.getDefaultInstance());
                response.onCompleted();
            }
        };
        ExecutorService oneHandler = Executors.newSingleThreadExecutor();
        String name = InProcessServerBuilder.generateName();
        Server server = InProcessServerBuilder.forName(name).executor(oneHandler)
                .addService(service).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        try {
            HealthGrpc.HealthFutureStub stub = HealthGrpc.newFutureStub(channel);
            var slow = stub.check(HealthCheckRequest.newBuilder().setService("slow").build());
            while (ran.get() == 0) {
                Thread.sleep(5);
            }
            // The only handler thread is busy: this call waits in line until its deadline passes.
            StatusRuntimeException late = assertThrows(StatusRuntimeException.class, () -> HealthGrpc
                    .newBlockingStub(channel).withDeadlineAfter(100, TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("late").build()));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());
            release.countDown();
            slow.get(5, TimeUnit.SECONDS);
            oneHandler.submit(() -> { }).get(5, TimeUnit.SECONDS);
            assertEquals(1, ran.get(), "only the slow call ran");
        } finally {
            release.countDown();
            channel.shutdownNow();
            server.shutdownNow();
            oneHandler.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

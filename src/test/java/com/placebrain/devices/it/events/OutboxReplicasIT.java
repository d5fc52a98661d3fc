package com.placebrain.devices.it.events;

import static com.placebrain.devices.it.events.EventsKit.THRESHOLD_CREATED;
import static com.placebrain.devices.it.events.EventsKit.assertPublishedOnceInOrderPerSensor;
import static com.placebrain.devices.it.support.Fixture.THRESHOLD_SEVERITIES;
import static com.placebrain.devices.it.support.Fixture.THRESHOLD_TYPES;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import com.placebrain.devices.grpc.v1.SetThresholdRequest;
import com.placebrain.devices.it.support.Fixture;
import com.placebrain.devices.it.support.SecondInstance;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Two replicas write to one outbox and both run their relay: every event still goes out exactly
 * once, in creation order per key.
 */
class OutboxReplicasIT extends EventsScenario {

    private static final int SENSORS = 40;
    private static final int WRITERS = 8;

    @Test
    void eventsWrittenThroughTwoRelayingReplicasArriveOnceEachInOrderPerSensor() throws Exception {
        Fixture.DeviceWithSensors w = fixture.deviceWithSensors("Two replicas device", SENSORS);
        Map<TopicPartition, Long> before = EventsKit.endOffsets(THRESHOLD_CREATED);

        Map<String, List<String>> createdPerSensor = new ConcurrentHashMap<>();
        Fixture.DeviceWithSensors warmUp = fixture.deviceWithSensors("Warm-up device", 1);
        try (SecondInstance replica = SecondInstance.start()) {
            List<DevicesServiceGrpc.DevicesServiceBlockingStub> both = List.of(client.rpc(), replica.rpc());
            // A server that has just started loads what its first write needs, and writes of one
            // device wait for each other (row lock): on a busy machine, writers of the other server
            // went past their 15 s deadline (twice, with builds running beside the suite; the cause
            // is inferred). One write through each first, on a device of its own.
            for (DevicesServiceGrpc.DevicesServiceBlockingStub server : both) {
                server.withDeadlineAfter(60, TimeUnit.SECONDS).setThreshold(SetThresholdRequest.newBuilder()
                        .setUserId(warmUp.owner()).setPlaceId(warmUp.place()).setDeviceId(warmUp.device())
                        .setSensorId(warmUp.sensors().get(0)).setType(THRESHOLD_TYPES.get(0)).setValue(1)
                        .setSeverity(THRESHOLD_SEVERITIES.get(0)).build());
            }
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try {
                // Each sensor's thresholds one after another, alternating between the replicas;
                // the sensors concurrently, so the outbox fills while both relays poll it.
                List<Future<?>> done = new ArrayList<>();
                for (int s = 0; s < SENSORS; s++) {
                    String sensor = w.sensors().get(s);
                    int first = s % 2;
                    done.add(writers.submit(() -> {
                        List<String> ids = new ArrayList<>();
                        for (int t = 0; t < THRESHOLD_TYPES.size(); t++) {
                            DevicesServiceGrpc.DevicesServiceBlockingStub server = both.get((first + t) % 2);
                            ids.add(server.withDeadlineAfter(15, TimeUnit.SECONDS).setThreshold(
                                    SetThresholdRequest.newBuilder().setUserId(w.owner()).setPlaceId(w.place())
                                            .setDeviceId(w.device()).setSensorId(sensor).setType(THRESHOLD_TYPES.get(t))
                                            .setValue(10 + t).setSeverity(THRESHOLD_SEVERITIES.get(t)).build())
                                    .getThresholdId());
                        }
                        createdPerSensor.put(sensor, ids);
                        return null;
                    }));
                }
                for (Future<?> write : done) {
                    write.get();
                }
            } finally {
                writers.shutdownNow();
            }
            assertPublishedOnceInOrderPerSensor(before, createdPerSensor, Duration.ofSeconds(60));
            assertTrue(Files.readString(replica.log()).contains("Outbox relay started"), "the replica's relay ran");
        }
    }
}

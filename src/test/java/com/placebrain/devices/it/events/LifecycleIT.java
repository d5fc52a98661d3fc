package com.placebrain.devices.it.events;

import static com.placebrain.devices.it.events.EventsKit.THRESHOLD_CREATED;
import static com.placebrain.devices.it.events.EventsKit.assertPublishedOnceInOrderPerSensor;
import static com.placebrain.devices.it.support.Fixture.THRESHOLD_SEVERITIES;
import static com.placebrain.devices.it.support.Fixture.THRESHOLD_TYPES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import com.placebrain.devices.grpc.v1.SetThresholdRequest;
import com.placebrain.devices.it.support.Await;
import com.placebrain.devices.it.support.Fixture;
import com.placebrain.devices.it.support.SecondInstance;
import io.grpc.Status;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a server's life as an operator sees it, on a replica started and stopped as in
 * production. Its start-up writes fewer than 100 log lines. SIGTERM under a write load, as a
 * container runtime stops the service: the server stops taking calls, finishes those in flight,
 * lets the outbox relay go on until it stops, and exits in under 10 s with nothing above INFO in
 * its log; every write it acknowledged has its event, once, in order.
 */
class LifecycleIT extends EventsScenario {

    private static final int SENSORS = 600;
    private static final int WRITERS = 8;
    /** A Liberty log line of level ERROR (E), WARNING (W) or FATAL (F). */
    private static final Pattern ABOVE_INFO = Pattern.compile("^\\[[^\\]]+\\] \\S+ \\S+ +[EWF] .*");

    @Test
    void startsInFewerThanAHundredLinesAndOnSigtermUnderWritesFinishesWhatItAcknowledged() throws Exception {
        Fixture.DeviceWithSensors w = fixture.deviceWithSensors("Graceful stop device", SENSORS);
        Map<TopicPartition, Long> before = EventsKit.endOffsets(THRESHOLD_CREATED);
        Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
        Map<Status.Code, AtomicInteger> refused = new ConcurrentHashMap<>();
        AtomicInteger writes = new AtomicInteger();

        SecondInstance replica = SecondInstance.start();
        String log;
        Duration exit;
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            DevicesServiceGrpc.DevicesServiceBlockingStub rpc = replica.rpc();
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int first = writer;
                done.add(writers.submit(() -> {
                    // Each sensor written by one writer only, its thresholds one after another, so
                    // the order of a sensor's events is the order of its acknowledgements.
                    for (int s = first; s < SENSORS; s += WRITERS) {
                        String sensor = w.sensors().get(s);
                        for (int t = 0; t < THRESHOLD_TYPES.size(); t++) {
                            try {
                                String id = rpc.withDeadlineAfter(15, TimeUnit.SECONDS).setThreshold(
                                        SetThresholdRequest.newBuilder().setUserId(w.owner()).setPlaceId(w.place())
                                                .setDeviceId(w.device()).setSensorId(sensor)
                                                .setType(THRESHOLD_TYPES.get(t)).setValue(10 + t)
                                                .setSeverity(THRESHOLD_SEVERITIES.get(t)).build())
                                        .getThresholdId();
                                acknowledged.computeIfAbsent(sensor, k -> new ArrayList<>()).add(id);
                                writes.incrementAndGet();
                            } catch (RuntimeException stopped) {
                                refused.computeIfAbsent(Status.fromThrowable(stopped).getCode(),
                                        c -> new AtomicInteger()).incrementAndGet();
                                return null;
                            }
                        }
                    }
                    return null;
                }));
            }
            Await.await("writes acknowledged by the replica", Duration.ofSeconds(60), Duration.ofMillis(50),
                    writes::get, n -> n >= 40);
            int beforeStop = writes.get();
            exit = replica.terminate(Duration.ofSeconds(30));
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
            assertTrue(beforeStop < SENSORS * THRESHOLD_TYPES.size() && !refused.isEmpty(),
                    "the writers were still writing when SIGTERM came: " + beforeStop + " writes before it, "
                            + "refused after it " + refused);
        } finally {
            writers.shutdownNow();
            replica.close();
        }
        log = Files.readString(replica.log());

        List<String> lines = log.lines().toList();
        int started = lines.indexOf(lines.stream().filter(line -> line.contains("CWWKZ0001I")).findFirst()
                .orElseThrow(() -> new AssertionError("no 'application started' line in " + replica.log())));
        assertTrue(started < 100, "start-up wrote " + (started + 1) + " lines up to the application's start:\n"
                + String.join("\n", lines.subList(0, started + 1)));

        System.out.printf("SIGTERM to the replica's exit: %d ms%n", exit == null ? -1 : exit.toMillis());
        assertNotNull(exit, "the server exited within 30 s of SIGTERM");
        assertTrue(exit.compareTo(Duration.ofSeconds(10)) < 0, "exited " + exit.toMillis() + " ms after SIGTERM");
        List<String> aboveInfo = log.lines().filter(line -> ABOVE_INFO.matcher(line).matches())
                .filter(line -> !line.contains(" is not set: ")) // the start-up warnings of unset secrets
                .toList();
        assertEquals(List.of(), aboveInfo, "warnings or errors in the replica's log");
        assertPublishedOnceInOrderPerSensor(before, acknowledged, Duration.ofSeconds(60));
    }
}

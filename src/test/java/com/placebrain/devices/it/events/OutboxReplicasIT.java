package com.placebrain.devices.it.events;

import static com.placebrain.devices.it.events.EventsKit.THRESHOLD_CREATED;
import static com.placebrain.devices.it.events.EventsKit.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import com.placebrain.devices.grpc.v1.SetThresholdRequest;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.it.SecondInstance;
import com.placebrain.devices.it.ServiceDeployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas write to one outbox and both run their relay: every event still goes out exactly
 * once, in creation order per key.
 */
class OutboxReplicasIT extends ServiceDeployment {

    private static final int SENSORS = 40;
    private static final int WRITERS = 8;
    /** The four thresholds a sensor can have: one per type and severity. */
    private static final List<ThresholdType> TYPES = List.of(ThresholdType.THRESHOLD_TYPE_MIN,
            ThresholdType.THRESHOLD_TYPE_MIN, ThresholdType.THRESHOLD_TYPE_MAX, ThresholdType.THRESHOLD_TYPE_MAX);
    private static final List<ThresholdSeverity> SEVERITIES = List.of(ThresholdSeverity.THRESHOLD_SEVERITY_WARNING,
            ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL, ThresholdSeverity.THRESHOLD_SEVERITY_WARNING,
            ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL);

    private static EventsKit kit;
    private static final List<String> places = new ArrayList<>();
    private static final List<String> users = new ArrayList<>();

    @BeforeAll
    static void connect() {
        kit = new EventsKit();
    }

    @AfterAll
    static void disconnect() {
        kit.forget(places, users);
        kit.close();
    }

    @Test
    void eventsWrittenThroughTwoRelayingReplicasArriveOnceEachInOrderPerSensor() throws Exception {
        String place = EventsKit.newId();
        String owner = EventsKit.newId();
        places.add(place);
        users.add(owner);
        kit.grant(place, owner, "owner");
        String device = kit.createDevice(owner, place, "Two replicas device");
        List<String> sensors = new ArrayList<>();
        for (int i = 0; i < SENSORS; i++) {
            sensors.add(kit.createSensor(owner, place, device, String.format("s%02d", i)));
        }
        Map<TopicPartition, Long> before = EventsKit.endOffsets(THRESHOLD_CREATED);

        Map<String, List<String>> createdPerSensor = new ConcurrentHashMap<>();
        try (SecondInstance replica = SecondInstance.start()) {
            List<DevicesServiceGrpc.DevicesServiceBlockingStub> both = List.of(kit.rpc(), replica.rpc());
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try {
                // Each sensor's thresholds one after another, alternating between the replicas;
                // the sensors concurrently, so both outboxes fill while both relays poll.
                List<Future<?>> done = new ArrayList<>();
                for (int s = 0; s < SENSORS; s++) {
                    String sensor = sensors.get(s);
                    int first = s % 2;
                    done.add(writers.submit(() -> {
                        List<String> ids = new ArrayList<>();
                        for (int t = 0; t < TYPES.size(); t++) {
                            DevicesServiceGrpc.DevicesServiceBlockingStub server = both.get((first + t) % 2);
                            ids.add(server.withDeadlineAfter(15, TimeUnit.SECONDS)
                                    .setThreshold(SetThresholdRequest.newBuilder().setUserId(owner).setPlaceId(place)
                                            .setDeviceId(device).setSensorId(sensor).setType(TYPES.get(t))
                                            .setValue(10 + t).setSeverity(SEVERITIES.get(t)).build())
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
            int expected = SENSORS * TYPES.size();
            Set<String> ourSensors = Set.copyOf(sensors);
            try (EventsKit.Tail tail = new EventsKit.Tail(before)) {
                tail.await("threshold.created events of the thresholds written through both replicas",
                        r -> ourSensors.contains(r.key()), expected, Duration.ofSeconds(60));
                tail.pollFor(Duration.ofSeconds(3));
                List<ConsumerRecord<String, String>> ours = tail.matching(r -> ourSensors.contains(r.key()));

                Map<String, List<String>> arrivedPerSensor = new HashMap<>();
                Map<String, Integer> copies = new TreeMap<>();
                for (ConsumerRecord<String, String> record : ours) {
                    String id = json(record.value()).getString("threshold_id");
                    arrivedPerSensor.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(id);
                    copies.merge(id, 1, Integer::sum);
                }
                Map<String, Integer> duplicates = copies.entrySet().stream().filter(e -> e.getValue() > 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
                assertEquals(Map.of(), duplicates, "threshold ids published more than once (id -> copies)");
                assertEquals(expected, ours.size(), "threshold.created records keyed by our sensors");
                for (String sensor : sensors) {
                    assertEquals(createdPerSensor.get(sensor), arrivedPerSensor.getOrDefault(sensor, List.of()),
                            "threshold.created order for sensor " + sensor + " (creation order vs. arrival order)");
                }
            }
        }
    }
}

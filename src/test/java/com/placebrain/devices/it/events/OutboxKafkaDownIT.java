package com.placebrain.devices.it.events;

import com.placebrain.devices.it.ServiceDeployment;
import static com.placebrain.devices.it.events.EventsKit.MEMBER_ADDED;
import static com.placebrain.devices.it.events.EventsKit.THRESHOLD_CREATED;
import static com.placebrain.devices.it.events.EventsKit.await;
import static com.placebrain.devices.it.events.EventsKit.json;
import static com.placebrain.devices.it.events.EventsKit.member;
import static com.placebrain.devices.it.events.EventsKit.memberKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.it.TestEnvironment;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With Kafka stopped, writes keep succeeding; their events wait in the outbox and, once Kafka is
 * back, arrive exactly once each and in creation order per key (sensor_id).
 */
class OutboxKafkaDownIT extends ServiceDeployment {

    private static final int SENSORS = 50;
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
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
    static void restartKafkaAndDisconnect() throws Exception {
        try {
            TestEnvironment.stackUp();
        } finally {
            kit.forget(places, users);
            kit.close();
        }
    }

    private static void stopKafka() throws Exception {
        TestEnvironment.run("bash", System.getProperty("it.stack.script", "scripts/stack.sh"), "down");
    }

    @Test
    void thresholdsCreatedWhileKafkaIsDownArriveExactlyOnceInOrderPerSensor() throws Exception {
        String place = EventsKit.newId();
        String owner = EventsKit.newId();
        places.add(place);
        users.add(owner);
        kit.grant(place, owner, "owner");
        String device = kit.createDevice(owner, place, "Kafka outage device");
        List<String> sensors = new ArrayList<>();
        for (int i = 0; i < SENSORS; i++) {
            sensors.add(kit.createSensor(owner, place, device, String.format("s%02d", i)));
        }
        Map<TopicPartition, Long> before = EventsKit.endOffsets(THRESHOLD_CREATED);

        Map<String, List<String>> createdPerSensor = new LinkedHashMap<>();
        sensors.forEach(s -> createdPerSensor.put(s, new ArrayList<>()));
        stopKafka();
        try {
            // Round by round, so the outbox interleaves the sensors' events.
            for (int round = 0; round < TYPES.size(); round++) {
                for (String sensor : sensors) {
                    try {
                        String id = kit.setThreshold(owner, place, device, sensor, TYPES.get(round), 10 + round,
                                SEVERITIES.get(round));
                        createdPerSensor.get(sensor).add(id);
                    } catch (StatusRuntimeException e) {
                        fail("SetThreshold #" + (round * SENSORS + sensors.indexOf(sensor) + 1) + " of 200 ("
                                + TYPES.get(round) + " " + SEVERITIES.get(round) + " on sensor " + sensor
                                + ") failed while Kafka was down: " + e.getStatus());
                    }
                }
            }
        } finally {
            TestEnvironment.stackUp();
        }
        Set<String> expectedIds = createdPerSensor.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        assertEquals(200, expectedIds.size(), "distinct threshold ids returned by the 200 SetThreshold calls");

        Set<String> ourSensors = Set.copyOf(sensors);
        try (EventsKit.Tail tail = new EventsKit.Tail(before)) {
            tail.await("threshold.created events of the 200 thresholds made while Kafka was down",
                    r -> ourSensors.contains(r.key()), 200, ARRIVAL);
            tail.pollFor(Duration.ofSeconds(3));
            List<ConsumerRecord<String, String>> ours = tail.matching(r -> ourSensors.contains(r.key()));

            Map<String, List<String>> arrivedPerSensor = new HashMap<>();
            Map<String, Integer> copies = new TreeMap<>();
            for (ConsumerRecord<String, String> record : ours) {
                String id = json(record.value()).getString("threshold_id", "<no threshold_id: " + record.value() + ">");
                arrivedPerSensor.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(id);
                copies.merge(id, 1, Integer::sum);
            }
            Map<String, Integer> duplicates = copies.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
            assertEquals(Map.of(), duplicates, "threshold ids published more than once (id -> copies)");
            assertEquals(expectedIds, copies.keySet(), "threshold ids published vs. created");
            assertEquals(200, ours.size(), "threshold.created records keyed by the 50 sensors");
            for (String sensor : sensors) {
                assertEquals(createdPerSensor.get(sensor), arrivedPerSensor.getOrDefault(sensor, List.of()),
                        "threshold.created order for sensor " + sensor + " (creation order vs. arrival order)");
            }
        }

        // The service also consumes again after the broker's restart.
        String member = EventsKit.newId();
        users.add(member);
        kit.send(MEMBER_ADDED, memberKey(place, member), member(place, member, "viewer"));
        await("a member.added after Kafka's restart is consumed", ARRIVAL, () -> kit.roleOf(place, member),
                "viewer"::equals);
    }
}

package com.placebrain.devices.it.events;

import static com.placebrain.devices.it.events.EventsKit.MEMBER_ADDED;
import static com.placebrain.devices.it.events.EventsKit.THRESHOLD_CREATED;
import static com.placebrain.devices.it.events.EventsKit.assertPublishedOnceInOrderPerSensor;
import static com.placebrain.devices.it.events.EventsKit.member;
import static com.placebrain.devices.it.events.EventsKit.memberKey;
import static com.placebrain.devices.it.support.Await.await;
import static com.placebrain.devices.it.support.Fixture.THRESHOLD_SEVERITIES;
import static com.placebrain.devices.it.support.Fixture.THRESHOLD_TYPES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.placebrain.devices.it.support.Fixture;
import com.placebrain.devices.it.support.TestEnvironment;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * With Kafka stopped, writes keep succeeding; their events wait in the outbox and, once Kafka is
 * back, arrive exactly once each and in creation order per key (sensor_id).
 */
class OutboxKafkaDownIT extends EventsScenario {

    private static final int SENSORS = 50;
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    @AfterAll
    static void restartKafka() throws Exception {
        TestEnvironment.stackUp();
    }

    private static void stopKafka() throws Exception {
        TestEnvironment.run("bash", System.getProperty("it.stack.script", "scripts/stack.sh"), "down");
    }

    @Test
    void thresholdsCreatedWhileKafkaIsDownArriveExactlyOnceInOrderPerSensor() throws Exception {
        Fixture.DeviceWithSensors w = fixture.deviceWithSensors("Kafka outage device", SENSORS);
        Map<TopicPartition, Long> before = EventsKit.endOffsets(THRESHOLD_CREATED);

        Map<String, List<String>> createdPerSensor = new LinkedHashMap<>();
        w.sensors().forEach(s -> createdPerSensor.put(s, new ArrayList<>()));
        stopKafka();
        try {
            // Round by round, so the outbox interleaves the sensors' events.
            for (int round = 0; round < THRESHOLD_TYPES.size(); round++) {
                for (String sensor : w.sensors()) {
                    try {
                        String id = fixture.setThreshold(w.owner(), w.place(), w.device(), sensor,
                                THRESHOLD_TYPES.get(round), 10 + round, THRESHOLD_SEVERITIES.get(round));
                        createdPerSensor.get(sensor).add(id);
                    } catch (StatusRuntimeException e) {
                        fail("SetThreshold #" + (round * SENSORS + w.sensors().indexOf(sensor) + 1) + " of 200 ("
                                + THRESHOLD_TYPES.get(round) + " " + THRESHOLD_SEVERITIES.get(round)
                                + " on sensor " + sensor
                                + ") failed while Kafka was down: " + e.getStatus());
                    }
                }
            }
        } finally {
            TestEnvironment.stackUp();
        }
        assertEquals(200, createdPerSensor.values().stream().flatMap(List::stream).distinct().count(),
                "distinct threshold ids returned by the 200 SetThreshold calls");
        assertPublishedOnceInOrderPerSensor(before, createdPerSensor, ARRIVAL);

        // The service also consumes again after the broker's restart.
        String member = roles.newUser();
        kit.send(MEMBER_ADDED, memberKey(w.place(), member), member(w.place(), member, "viewer"));
        await("a member.added after Kafka's restart is consumed", ARRIVAL, () -> roles.roleOf(w.place(), member),
                "viewer"::equals);
    }
}

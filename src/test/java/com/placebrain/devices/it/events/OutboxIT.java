package com.placebrain.devices.it.events;

import static com.placebrain.devices.it.events.EventsKit.DEVICE_DELETED;
import static com.placebrain.devices.it.events.EventsKit.THRESHOLD_CREATED;
import static com.placebrain.devices.it.events.EventsKit.THRESHOLD_DELETED;
import static com.placebrain.devices.it.events.EventsKit.assertSameJson;
import static com.placebrain.devices.it.events.EventsKit.describe;
import static com.placebrain.devices.it.events.EventsKit.json;
import static com.placebrain.devices.it.events.EventsKit.keyed;
import static com.placebrain.devices.it.support.GrpcStatus.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.placebrain.devices.grpc.v1.DeleteDeviceRequest;
import com.placebrain.devices.grpc.v1.DeleteSensorRequest;
import com.placebrain.devices.grpc.v1.DeleteThresholdRequest;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.it.support.Ids;
import com.placebrain.devices.it.support.RoleFixture;
import io.grpc.Status;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The events the service publishes through its outbox (CONTRACT §2 "Produced"): exactly the
 * documented JSON, keyed as documented, one per committed change and none for a rolled-back one.
 */
class OutboxIT extends EventsScenario {

    @AfterEach
    void forgetKeys() {
        kit.forgetCredentials(roles.users());
        roles.cleanUp();
    }

    private record Owned(String place, String owner, String device) {
    }

    /** A fresh place with an owner (put into the cache directly) and one device. */
    private Owned ownedDevice() {
        RoleFixture.OwnedPlace owned = roles.newOwnedPlace();
        return new Owned(owned.place(), owned.owner(), fixture.device(owned.owner(), owned.place(), "Outbox device"));
    }

    private static Predicate<ConsumerRecord<String, String>> event(String topic, String key, String thresholdId) {
        return r -> topic.equals(r.topic()) && key.equals(r.key())
                && thresholdId.equals(json(r.value()).getString("threshold_id", null));
    }

    private static JsonObject created(String sensor, String device, String key, String threshold, String type,
                                      double value, String severity) {
        return Json.createObjectBuilder().add("sensor_id", sensor).add("device_id", device).add("key", key)
                .add("threshold_id", threshold).add("threshold_type", type).add("value", value)
                .add("severity", severity).build();
    }

    private static JsonObject deleted(String sensor, String device, String key, String threshold) {
        return Json.createObjectBuilder().add("sensor_id", sensor).add("device_id", device).add("key", key)
                .add("threshold_id", threshold).build();
    }

    private static void deleteThreshold(Owned at, String sensor, String threshold) {
        client.rpc().deleteThreshold(DeleteThresholdRequest.newBuilder().setUserId(at.owner()).setPlaceId(at.place())
                .setDeviceId(at.device()).setSensorId(sensor).setThresholdId(threshold).build());
    }

    // ------------------------------------------------------------ 11: exact JSON of every event

    @Test
    void eventsCarryExactlyTheContractsJson() {
        Owned at = ownedDevice();
        String sensor = fixture.numberSensor(at.owner(), at.place(), at.device(), "temp");
        String doomedSensor = fixture.numberSensor(at.owner(), at.place(), at.device(), "hum");

        try (EventsKit.Tail events = EventsKit.tail(THRESHOLD_CREATED, THRESHOLD_DELETED, DEVICE_DELETED)) {
            // SetThreshold -> devices.threshold.created, keyed by sensor_id
            String max = fixture.setThreshold(at.owner(), at.place(), at.device(), sensor,
                    ThresholdType.THRESHOLD_TYPE_MAX, 30.5, ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL);
            String min = fixture.setThreshold(at.owner(), at.place(), at.device(), sensor,
                    ThresholdType.THRESHOLD_TYPE_MIN, -5.25, ThresholdSeverity.THRESHOLD_SEVERITY_WARNING);
            ConsumerRecord<String, String> maxCreated = events.awaitOne("threshold.created of the MAX threshold",
                    event(THRESHOLD_CREATED, sensor, max));
            assertSameJson(created(sensor, at.device(), "temp", max, "max", 30.5, "critical"), maxCreated.value(),
                    "devices.threshold.created of SetThreshold MAX 30.5 CRITICAL");
            ConsumerRecord<String, String> minCreated = events.awaitOne("threshold.created of the MIN threshold",
                    event(THRESHOLD_CREATED, sensor, min));
            assertSameJson(created(sensor, at.device(), "temp", min, "min", -5.25, "warning"), minCreated.value(),
                    "devices.threshold.created of SetThreshold MIN -5.25 WARNING");

            // DeleteThreshold -> devices.threshold.deleted, keyed by sensor_id
            deleteThreshold(at, sensor, max);
            ConsumerRecord<String, String> maxDeleted = events.awaitOne("threshold.deleted of the MAX threshold",
                    event(THRESHOLD_DELETED, sensor, max));
            assertSameJson(deleted(sensor, at.device(), "temp", max), maxDeleted.value(),
                    "devices.threshold.deleted of DeleteThreshold");

            // DeleteSensor with two thresholds -> one devices.threshold.deleted for each
            String first = fixture.setThreshold(at.owner(), at.place(), at.device(), doomedSensor,
                    ThresholdType.THRESHOLD_TYPE_MAX, 80, ThresholdSeverity.THRESHOLD_SEVERITY_WARNING);
            String second = fixture.setThreshold(at.owner(), at.place(), at.device(), doomedSensor,
                    ThresholdType.THRESHOLD_TYPE_MIN, 20, ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL);
            client.rpc().deleteSensor(DeleteSensorRequest.newBuilder().setUserId(at.owner()).setPlaceId(at.place())
                    .setDeviceId(at.device()).setSensorId(doomedSensor).build());
            for (String threshold : List.of(first, second)) {
                ConsumerRecord<String, String> gone = events.awaitOne(
                        "threshold.deleted of threshold " + threshold + " removed with its sensor",
                        event(THRESHOLD_DELETED, doomedSensor, threshold));
                assertSameJson(deleted(doomedSensor, at.device(), "hum", threshold), gone.value(),
                        "devices.threshold.deleted of DeleteSensor");
            }

            // DeleteDevice -> devices.device.deleted, keyed by device_id
            client.rpc().deleteDevice(DeleteDeviceRequest.newBuilder().setUserId(at.owner()).setPlaceId(at.place())
                    .setDeviceId(at.device()).build());
            ConsumerRecord<String, String> deviceDeleted = events.awaitOne("devices.device.deleted of the device",
                    keyed(DEVICE_DELETED, at.device()));
            assertSameJson(Json.createObjectBuilder().add("device_id", at.device()).add("place_id", at.place()).build(),
                    deviceDeleted.value(), "devices.device.deleted of DeleteDevice");

            // Each change was published once.
            events.pollFor(Duration.ofSeconds(2));
            assertOnce(events, event(THRESHOLD_CREATED, sensor, max), "threshold.created of " + max);
            assertOnce(events, event(THRESHOLD_CREATED, sensor, min), "threshold.created of " + min);
            assertOnce(events, event(THRESHOLD_DELETED, sensor, max), "threshold.deleted of " + max);
            assertOnce(events, event(THRESHOLD_CREATED, doomedSensor, first), "threshold.created of " + first);
            assertOnce(events, event(THRESHOLD_CREATED, doomedSensor, second), "threshold.created of " + second);
            assertOnce(events, event(THRESHOLD_DELETED, doomedSensor, first), "threshold.deleted of " + first);
            assertOnce(events, event(THRESHOLD_DELETED, doomedSensor, second), "threshold.deleted of " + second);
            assertOnce(events, keyed(DEVICE_DELETED, at.device()), "device.deleted of " + at.device());
        }
    }

    private static void assertOnce(EventsKit.Tail events, Predicate<ConsumerRecord<String, String>> match, String what) {
        List<ConsumerRecord<String, String>> found = events.matching(match);
        assertEquals(1, found.size(), what + " published exactly once: " + describe(found));
    }

    // ------------------------------------------------------------ 12: a rolled-back write publishes nothing

    @Test
    void rejectedWritesPublishNothing() {
        Owned at = ownedDevice();
        String sensor = fixture.numberSensor(at.owner(), at.place(), at.device(), "temp");

        try (EventsKit.Tail events = EventsKit.tail(THRESHOLD_CREATED, THRESHOLD_DELETED)) {
            String kept = fixture.setThreshold(at.owner(), at.place(), at.device(), sensor,
                    ThresholdType.THRESHOLD_TYPE_MAX, 30, ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL);
            assertCode(Status.Code.INVALID_ARGUMENT, () -> fixture.setThreshold(at.owner(), at.place(), at.device(), sensor,
                            ThresholdType.THRESHOLD_TYPE_MAX, Double.NaN, ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL),
                    "a threshold of NaN");
            assertCode(Status.Code.NOT_FOUND, () -> {
                deleteThreshold(at, sensor, Ids.newId());
                return null;
            }, "DeleteThreshold of an unknown threshold");
            // Markers: same sensor, so same key and partition, recorded after the rejected writes.
            String marker = fixture.setThreshold(at.owner(), at.place(), at.device(), sensor,
                    ThresholdType.THRESHOLD_TYPE_MIN, 1, ThresholdSeverity.THRESHOLD_SEVERITY_WARNING);
            deleteThreshold(at, sensor, marker);

            events.awaitOne("threshold.created of the marker", event(THRESHOLD_CREATED, sensor, marker));
            events.awaitOne("threshold.deleted of the marker", event(THRESHOLD_DELETED, sensor, marker));
            events.pollFor(Duration.ofSeconds(2));

            assertEquals(List.of(kept, marker), thresholdIds(events.matching(keyed(THRESHOLD_CREATED, sensor))),
                    "threshold.created records of the sensor: the first threshold and the marker only, in order");
            assertEquals(List.of(marker), thresholdIds(events.matching(keyed(THRESHOLD_DELETED, sensor))),
                    "threshold.deleted records of the sensor: the marker's only");
            assertEquals(Set.of(kept), Set.copyOf(thresholdIdsOf(at, sensor)), "thresholds left on the sensor");
        }
    }

    private static List<String> thresholdIds(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> json(r.value()).getString("threshold_id", "<none in " + r.value() + ">"))
                .toList();
    }

    private static List<String> thresholdIdsOf(Owned at, String sensor) {
        return client.rpc().listThresholds(com.placebrain.devices.grpc.v1.ListThresholdsRequest.newBuilder()
                        .setUserId(at.owner()).setPlaceId(at.place()).setDeviceId(at.device()).setSensorId(sensor)
                        .build())
                .getThresholdsList().stream().map(t -> t.getThresholdId()).toList();
    }
}

package com.placebrain.devices.events.inbound;

import static com.placebrain.devices.events.inbound.EventJson.object;
import static com.placebrain.devices.events.inbound.EventJson.objectOrString;
import static com.placebrain.devices.events.inbound.EventJson.string;
import static com.placebrain.devices.events.inbound.EventJson.timestamp;
import static com.placebrain.devices.events.inbound.EventJson.uuid;

import com.placebrain.devices.devices.DeviceService;
import com.placebrain.devices.devices.DeviceStatus;
import com.placebrain.devices.readings.ReadingIngest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** What the EMQX bridge forwards from devices (CONTRACT §2): status and readings. */
@ApplicationScoped
public class TelemetryConsumer {

    private static final Logger LOG = Logger.getLogger(TelemetryConsumer.class.getName());
    private static final Pattern STATUS_TOPIC = Pattern.compile("placebrain/([^/]+)/devices/([^/]+)/status");

    @Inject
    InboundProcessing processing;

    @Inject
    DeviceService devices;

    @Inject
    ReadingIngest readings;

    @Incoming("telemetry-status")
    public CompletionStage<Void> status(Message<String> message) {
        return processing.handle(message, record -> {
            JsonObject value = object(record.value());
            String topic = string(value, "topic");
            Matcher ids = STATUS_TOPIC.matcher(topic);
            if (!ids.matches()) {
                throw new PoisonRecord("'topic' is not placebrain/{place_id}/devices/{device_id}/status");
            }
            UUID placeId = uuid(ids.group(1), "topic place id");
            UUID deviceId = uuid(ids.group(2), "topic device id");
            String status = string(objectOrString(value, "payload"), "status");
            DeviceStatus newStatus = switch (status) {
                case "online" -> DeviceStatus.ONLINE;
                case "offline" -> DeviceStatus.OFFLINE;
                default -> throw new PoisonRecord("unknown status '" + status + "'");
            };
            if (!devices.statusReported(placeId, deviceId, newStatus)) {
                LOG.fine(() -> "Status of unknown device " + deviceId + " in place " + placeId + " ignored");
            }
        });
    }

    @Incoming("telemetry-readings")
    public CompletionStage<Void> readings(Message<String> message) {
        return processing.handle(message, record -> {
            JsonObject value = object(record.value());
            UUID placeId = uuid(value, "place_id");
            UUID deviceId = uuid(value, "device_id");
            JsonObject payload = objectOrString(value, "payload");
            OffsetDateTime time = payload.containsKey("ts") && payload.get("ts") != JsonValue.NULL
                    ? timestamp(string(payload, "ts"), "payload.ts")
                    : Instant.ofEpochMilli(record.timestamp()).atOffset(ZoneOffset.UTC);
            if (!(payload.get("values") instanceof JsonObject values)) {
                throw new PoisonRecord("'payload.values' must be an object");
            }
            Map<String, Double> numbers = new LinkedHashMap<>();
            values.forEach((key, reading) -> numbers.put(key, switch (reading.getValueType()) {
                case TRUE -> 1.0;
                case FALSE -> 0.0;
                default -> EventJson.number(reading, "payload.values." + key);
            }));
            readings.readingsReceived(placeId, deviceId, time, numbers);
        });
    }
}

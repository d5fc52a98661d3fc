package com.placebrain.devices.events.inbound;

import static com.placebrain.devices.platform.kafka.EventJson.object;
import static com.placebrain.devices.platform.kafka.EventJson.objectOrString;
import static com.placebrain.devices.platform.kafka.EventJson.string;
import static com.placebrain.devices.platform.kafka.EventJson.uuid;

import com.placebrain.devices.devices.DeviceService;
import com.placebrain.devices.devices.DeviceStatus;
import com.placebrain.devices.devices.StatusReports;
import com.placebrain.devices.platform.kafka.PoisonRecord;
import com.placebrain.devices.platform.mqtt.MqttTopics;
import com.placebrain.devices.readings.ReadingIngest;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What the EMQX bridge forwards from devices (CONTRACT §2): status and readings, each channel
 * taken in groups ({@link RecordGroups}, {@link TelemetrySettings}).
 */
@ApplicationScoped
public class TelemetryConsumer {

    private static final Logger LOG = Logger.getLogger(TelemetryConsumer.class.getName());

    @Inject
    InboundProcessing processing;

    @Inject
    DeviceService devices;

    @Inject
    ReadingIngest readings;

    @Inject
    TelemetrySettings settings;

    /** Liberty's managed threads and executor (startup/ContainerResources). */
    @Inject
    ThreadFactory threads;

    @Inject
    Executor executor;

    private RecordGroups<StatusReports.Report> statusGroups;
    private RecordGroups<ReadingIngest.Received> readingGroups;

    @PostConstruct
    void start() {
        statusGroups = new RecordGroups<>("telemetry-status", settings, threads, executor, processing,
                TelemetryConsumer::statusReport, this::statusesReported);
        readingGroups = new RecordGroups<>("telemetry-readings", settings, threads, executor, processing,
                TelemetryConsumer::readingsOf, readings::readingsReceived);
    }

    @PreDestroy
    void stop() {
        statusGroups.close();
        readingGroups.close();
    }

    @Incoming("telemetry-status")
    public CompletionStage<Void> status(Message<String> message) {
        return statusGroups.offer(message);
    }

    @Incoming("telemetry-readings")
    public CompletionStage<Void> readings(Message<String> message) {
        return readingGroups.offer(message);
    }

    static StatusReports.Report statusReport(ConsumerRecord<String, String> record) {
        JsonObject value = object(record.value());
        Source source = Source.ofTopic(string(value, "topic"), MqttTopics.Channel.STATUS);
        String status = string(objectOrString(value, "payload"), "status");
        DeviceStatus newStatus = switch (status) {
            case "online" -> DeviceStatus.ONLINE;
            case "offline" -> DeviceStatus.OFFLINE;
            default -> throw new PoisonRecord("unknown status '" + status + "'");
        };
        return new StatusReports.Report(source.place(), source.device(), newStatus, recordTime(record));
    }

    private void statusesReported(List<StatusReports.Report> reports) {
        int unknown = devices.statusesReported(reports);
        if (unknown > 0) {
            LOG.fine(() -> "Statuses of " + unknown + " devices unknown in the place their topic names ignored");
        }
    }

    static ReadingIngest.Received readingsOf(ConsumerRecord<String, String> record) {
        JsonObject value = object(record.value());
        // EMQX's bridge (PlaceBrain/infra) sends the MQTT topic; the contract's shape names the ids.
        Source source = value.containsKey("topic")
                ? Source.ofTopic(string(value, "topic"), MqttTopics.Channel.TELEMETRY)
                : new Source(uuid(value, "place_id"), uuid(value, "device_id"));
        ReadingPayload payload = ReadingPayload.of(objectOrString(value, "payload"));
        if (!payload.droppedKeys().isEmpty()) {
            LOG.fine(() -> "Record " + InboundProcessing.where(record) + ": values that are not numbers dropped: "
                    + payload.droppedKeys());
        }
        return new ReadingIngest.Received(source.place(), source.device(),
                payload.time().orElseGet(() -> recordTime(record)), payload.values());
    }

    /** The device a record is about, as its MQTT topic {@code placebrain/{place}/devices/{device}/{kind}} names it. */
    private record Source(UUID place, UUID device) {
        static Source ofTopic(String topic, MqttTopics.Channel channel) {
            MqttTopics.DeviceTopic ids = MqttTopics.parseDevice(topic).filter(t -> t.channel() == channel)
                    .orElseThrow(() -> new PoisonRecord("'topic' is not placebrain/{place_id}/devices/{device_id}/"
                            + channel.name().toLowerCase(Locale.ROOT)));
            return new Source(uuid(ids.place(), "topic place id"), uuid(ids.device(), "topic device id"));
        }
    }

    /** When the bridge forwarded the message: the time of a status, and of readings without {@code ts}. */
    private static OffsetDateTime recordTime(ConsumerRecord<?, ?> record) {
        return Instant.ofEpochMilli(record.timestamp()).atOffset(ZoneOffset.UTC);
    }
}

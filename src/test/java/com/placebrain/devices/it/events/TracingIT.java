package com.placebrain.devices.it.events;

import static com.placebrain.devices.it.events.EventsKit.PLACE_DELETED;
import static com.placebrain.devices.it.events.EventsKit.THRESHOLD_CREATED;
import static com.placebrain.devices.it.events.EventsKit.header;
import static com.placebrain.devices.it.events.EventsKit.json;
import static com.placebrain.devices.it.events.EventsKit.placeDeletion;
import static com.placebrain.devices.it.support.Fixture.THRESHOLD_SEVERITIES;
import static com.placebrain.devices.it.support.Fixture.THRESHOLD_TYPES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import com.placebrain.devices.grpc.v1.SetThresholdRequest;
import com.placebrain.devices.it.support.Await;
import com.placebrain.devices.it.support.Fixture;
import com.placebrain.devices.it.support.SecondInstance;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, traces: a SetThreshold call to a server with tracing on (Liberty's logging exporter,
 * so its spans are lines of its log) and the {@code devices.threshold.created} record it causes
 * are one trace: the record's {@code traceparent} header names the caller's trace and, as parent,
 * the server span of the call; the call's database statements and Redis commands are spans of
 * that trace. An EMQX hook request has its server span too, and a consumed record with a
 * {@code traceparent} header is processed in a span of the trace it names, with its database and
 * Redis work. The shared server, with tracing off, writes no such header.
 */
class TracingIT extends EventsScenario {

    private static final String SET_THRESHOLD = "devices.DevicesService/SetThreshold";
    private static final Metadata.Key<String> TRACEPARENT =
            Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
    /** What Liberty's tracing needs and nothing more: spans to its log, no metrics or logs exported. */
    private static final Map<String, String> TRACING_ON = Map.of(
            "OTEL_SDK_DISABLED", "false",
            "OTEL_SERVICE_NAME", "devices-service",
            "OTEL_TRACES_EXPORTER", "logging",
            "OTEL_METRICS_EXPORTER", "none",
            "OTEL_LOGS_EXPORTER", "none",
            // A group of its own for places.place.deleted: the replica reads every deletion, not
            // only those of the partitions the shared server leaves it (deleting again changes
            // nothing). A system property: Reactive Messaging would read the environment variable
            // MP_MESSAGING_INCOMING_PLACE_DELETED_GROUP_ID as the channel "place".
            "JVM_ARGS", "-Dmp.messaging.incoming.place-deleted.group.id=devices-it-traced-" + hex(4));

    @Test
    void aSetThresholdCallAndTheEventItCausesAreOneTrace() throws Exception {
        Fixture.DeviceWithSensors w = fixture.deviceWithSensors("Traced device", 1);
        String traceId = hex(16);
        String callerSpanId = hex(8);
        try (EventsKit.Tail tail = EventsKit.tail(THRESHOLD_CREATED);
             SecondInstance traced = SecondInstance.replicaWith("devices-it-traced", TRACING_ON)) {
            String thresholdId = setThreshold(traced.rpc(), w, "00-" + traceId + "-" + callerSpanId + "-01");

            ConsumerRecord<String, String> event = tail.awaitOne("threshold.created of " + thresholdId,
                    r -> thresholdId.equals(json(r.value()).getString("threshold_id", null)));
            String traceparent = header(event, "traceparent");
            assertNotNull(traceparent, "the event carries the call's trace");
            Matcher written = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01").matcher(traceparent);
            assertTrue(written.matches(), traceparent);
            assertEquals(traceId, written.group(1), "the caller's trace id");
            String parentSpanId = written.group(2);
            assertNotEquals(callerSpanId, parentSpanId, "the parent is the server's span, not the caller's");

            // LoggingSpanExporter: '<name>' : <trace id> <span id> <kind> [tracer: ...] <attributes>
            Pattern serverSpan = Pattern.compile(Pattern.quote("'" + SET_THRESHOLD + "' : " + traceId + " ")
                    + "([0-9a-f]{16}) SERVER .*");
            String span = Await.await("the server span of the call in " + traced.log(), () -> Files.readAllLines(
                            traced.log()).stream().map(serverSpan::matcher).filter(Matcher::find)
                    .map(m -> m.group()).findFirst(), Optional::isPresent).orElseThrow();
            Matcher logged = serverSpan.matcher(span);
            assertTrue(logged.find());
            assertEquals(parentSpanId, logged.group(1), "the event's parent is the call's server span: " + span);
            assertTrue(span.contains("rpc.grpc.status_code=0"), span);
            assertTrue(span.contains("rpc.method=SetThreshold"), span);
            awaitSpan(traced, "the threshold's INSERT in the call's trace", "'INSERT' : " + traceId + " [0-9a-f]{16} CLIENT .*db.system.name=postgresql");
            awaitSpan(traced, "a Redis command of the call (its role check)", "' : " + traceId + " [0-9a-f]{16} CLIENT .*db.system.name=redis");

            // The EMQX hook is a servlet: Liberty makes its server span itself.
            String hookTraceId = hex(16);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + Integer.getInteger("it.second.http.port", 9087) + "/mqtt/auth"))
                    .header("X-Devices-Hook-Secret", System.getProperty("it.hook.secret"))
                    .header("traceparent", "00-" + hookTraceId + "-" + hex(8) + "-01")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"collector\",\"password\":\"x\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() < 500, answer.statusCode() + " " + answer.body());
            Pattern hookSpan = Pattern.compile("' : " + hookTraceId + " [0-9a-f]{16} SERVER ");
            Await.await("the server span of the hook request in " + traced.log(), () -> Files.readAllLines(traced.log())
                    .stream().filter(line -> hookSpan.matcher(line).find()).findFirst(), Optional::isPresent);

            // A consumed record continues the trace its headers carry: a place deleted by a traced call of the places service.
            String senderTraceId = hex(16);
            RecordHeaders headers = new RecordHeaders();
            headers.add("traceparent", ("00-" + senderTraceId + "-" + hex(8) + "-01").getBytes(StandardCharsets.US_ASCII));
            kit.send(new ProducerRecord<>(PLACE_DELETED, null, System.currentTimeMillis(), w.place(),
                    placeDeletion(w.place(), w.owner()), headers));
            awaitSpan(traced, "the span of the consumed place.deleted", "'process " + PLACE_DELETED + "' : " + senderTraceId
                    + " [0-9a-f]{16} CONSUMER .*messaging.system=kafka");
            awaitSpan(traced, "the DELETE of the place's devices in the record's trace", "'DELETE' : " + senderTraceId
                    + " [0-9a-f]{16} CLIENT .*db.system.name=postgresql");
            awaitSpan(traced, "a Redis command of the deletion (its roles dropped)", "' : " + senderTraceId
                    + " [0-9a-f]{16} CLIENT .*db.system.name=redis");
        }
    }

    private static void awaitSpan(SecondInstance traced, String what, String regex) throws Exception {
        Pattern span = Pattern.compile(regex);
        Await.await(what + " in " + traced.log(), () -> Files.readAllLines(traced.log()).stream()
                .filter(line -> span.matcher(line).find()).findFirst(), Optional::isPresent);
    }

    @Test
    void withTracingOffNoTraceparentIsWrittenEvenWhenTheCallerSentOne() throws Exception {
        Fixture.DeviceWithSensors w = fixture.deviceWithSensors("Untraced device", 1);
        try (EventsKit.Tail tail = EventsKit.tail(THRESHOLD_CREATED)) {
            String thresholdId = setThreshold(client.rpc(), w, "00-" + hex(16) + "-" + hex(8) + "-01");
            ConsumerRecord<String, String> event = tail.awaitOne("threshold.created of " + thresholdId,
                    r -> thresholdId.equals(json(r.value()).getString("threshold_id", null)));
            assertNull(header(event, "traceparent"));
            assertNotNull(header(event, "event-id"));
        }
    }

    private static String setThreshold(DevicesServiceGrpc.DevicesServiceBlockingStub rpc, Fixture.DeviceWithSensors w,
            String traceparent) {
        Metadata headers = new Metadata();
        headers.put(TRACEPARENT, traceparent);
        return rpc.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .setThreshold(SetThresholdRequest.newBuilder().setUserId(w.owner()).setPlaceId(w.place())
                        .setDeviceId(w.device()).setSensorId(w.sensors().get(0)).setType(THRESHOLD_TYPES.get(0))
                        .setValue(21).setSeverity(THRESHOLD_SEVERITIES.get(0)).build())
                .getThresholdId();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zero, which W3C reserves as invalid
        return HexFormat.of().formatHex(random);
    }
}

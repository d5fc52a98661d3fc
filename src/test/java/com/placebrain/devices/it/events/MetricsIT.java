package com.placebrain.devices.it.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.SendCommandRequest;
import com.placebrain.devices.it.support.Await;
import com.placebrain.devices.it.support.Fixture;
import com.placebrain.devices.it.support.TestEnvironment;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: /metrics answers in Prometheus' text format without a login, and the counters of
 * each kind of work move with the work.
 */
class MetricsIT extends EventsScenario {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void grpcCallsAreCountedByMethodAndStatusCode() throws Exception {
        String place = roles.newPlace();
        String owner = roles.newOwner(place);
        String[] healthOk = calls("grpc.health.v1.Health/Check", "OK");
        String[] getDeviceNotFound = calls("devices.DevicesService/GetDevice", "NOT_FOUND");
        String[] getDeviceInvalid = calls("devices.DevicesService/GetDevice", "INVALID_ARGUMENT");
        String scraped = scrape();
        double healthBefore = value(scraped, healthOk);
        double notFoundBefore = value(scraped, getDeviceNotFound);
        double invalidBefore = value(scraped, getDeviceInvalid);

        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(client.channel());
        for (int i = 0; i < 3; i++) {
            health.withDeadlineAfter(15, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
        }
        for (int i = 0; i < 2; i++) {
            assertThrows(StatusRuntimeException.class, () -> client.rpc().getDevice(GetDeviceRequest.newBuilder()
                    .setUserId(owner).setPlaceId(place).setDeviceId(UUID.randomUUID().toString()).build()));
        }
        assertThrows(StatusRuntimeException.class, () -> client.rpc().getDevice(GetDeviceRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setDeviceId("not-a-uuid").build()));

        String after = scrape();
        assertEquals(healthBefore + 3, value(after, healthOk), String.join(" ", healthOk));
        assertEquals(notFoundBefore + 2, value(after, getDeviceNotFound), String.join(" ", getDeviceNotFound));
        assertEquals(invalidBefore + 1, value(after, getDeviceInvalid), String.join(" ", getDeviceInvalid));
        assertTrue(after.contains("grpc_server_calls_seconds_bucket{"), "call durations as a histogram");
        assertTrue(after.contains("# TYPE grpc_server_calls_seconds histogram"), "the timer's type line:\n"
                + after.lines().filter(line -> line.contains("grpc_server_calls")).limit(5).toList());
    }

    @Test
    void outboxAndCommandOutcomesAreCounted() throws Exception {
        String before = scrape();
        double published = value(before, "outbox_events_published_total");
        double refused = value(before, "commands_total", "outcome=\"refused\"");
        Fixture.World w = fixture.world(); // its threshold is one outbox event
        assertThrows(StatusRuntimeException.class, () -> client.rpc().sendCommand(SendCommandRequest.newBuilder()
                .setUserId(w.owner()).setPlaceId(w.place()).setDeviceId(w.device()).setActuatorKey("no such actuator")
                .setValue("1").build()));

        Await.await("the threshold's event published and counted", Duration.ofSeconds(30), () -> scrape(),
                scraped -> value(scraped, "outbox_events_published_total") >= published + 1);
        String after = scrape();
        assertEquals(refused + 1, value(after, "commands_total", "outcome=\"refused\""), "commands refused");
        for (String name : new String[] {"outbox_backlog_events", "outbox_oldest_event_age_seconds",
                "outbox_relay_failures_total"}) {
            assertTrue(hasSeries(after, name), name + " on /metrics");
        }
        for (String outcome : new String[] {"published", "broker_unavailable"}) {
            assertTrue(after.lines().anyMatch(line -> line.startsWith("commands_total{")
                    && line.contains("outcome=\"" + outcome + "\"")), "commands_total of outcome " + outcome);
        }
    }

    @Test
    void consumerLagIsThereForEveryConsumedTopic() throws Exception {
        String scraped = scrape();
        for (String topic : new String[] {"places.member.added", "places.member.role-changed", "places.member.removed",
                "places.place.deleted", "telemetry.status", "telemetry.readings"}) {
            String series = "kafka_consumer_lag_records{";
            assertTrue(scraped.lines().anyMatch(line -> line.startsWith(series) && line.contains("topic=\"" + topic + "\"")
                            && !line.endsWith(" NaN")),
                    "the group's lag on " + topic + ": " + scraped.lines().filter(line -> line.startsWith(series)).toList());
        }
    }

    @Test
    void theRuntimesOwnMetricsAreThere() throws Exception {
        String scraped = scrape();
        for (String name : new String[] {"memory_usedHeap_bytes", "cpu_processCpuLoad", "thread_count"}) {
            assertTrue(scraped.contains(name), name + " on /metrics");
        }
    }

    /**
     * The Grafana dashboard (deploy/grafana) queries only metrics the service exposes: every
     * metric name in a panel's expression has a series on /metrics once each kind of work ran.
     */
    @Test
    void everyMetricTheDashboardQueriesIsOnTheEndpoint() throws Exception {
        Fixture.World w = fixture.world();
        assertThrows(StatusRuntimeException.class, () -> client.rpc().sendCommand(SendCommandRequest.newBuilder()
                .setUserId(w.owner()).setPlaceId(w.place()).setDeviceId(w.device()).setActuatorKey("no such actuator")
                .setValue("1").build()));
        // A device login refused through the hook, one refused for its secret header, a consumed record.
        assertEquals(200, hook("X-Devices-Hook-Secret", HOOK_SECRET).statusCode());
        assertEquals(401, hook("X-Devices-Hook-Secret", HOOK_SECRET + "-wrong").statusCode());
        String place = roles.newPlace();
        String member = UUID.randomUUID().toString();
        kit.send(EventsKit.MEMBER_ADDED, EventsKit.memberKey(place, member), EventsKit.member(place, member, "viewer"));

        Set<String> queried = new TreeSet<>();
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(DASHBOARD))) {
            for (JsonValue panel : reader.readObject().getJsonArray("panels")) {
                for (JsonValue target : panel.asJsonObject().getJsonArray("targets") == null ? List.<JsonValue>of()
                        : panel.asJsonObject().getJsonArray("targets")) {
                    queried.addAll(metricNames(target.asJsonObject().getString("expr")));
                }
            }
        }
        assertTrue(queried.size() >= 10, "metric names found in the dashboard: " + queried);
        String scraped = Await.await("a series of every metric the dashboard queries", Duration.ofSeconds(30),
                MetricsIT::scrape, text -> queried.stream().allMatch(name -> hasSeries(text, name)));
        assertEquals(List.of(), queried.stream().filter(name -> !hasSeries(scraped, name)).toList(),
                "dashboard metrics missing on /metrics");
    }

    private static final String HOOK_SECRET = System.getProperty("it.hook.secret", "it-hook-secret-5f1c");

    /** POST /mqtt/auth of an unknown device, as EMQX sends it, with this header. */
    private static HttpResponse<String> hook(String header, String value) throws Exception {
        String login = "{\"username\":\"device:" + UUID.randomUUID() + "\",\"password\":\"not-its-token\","
                + "\"clientid\":\"metrics-it\",\"peerhost\":\"127.0.0.1\"}";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestEnvironment.HTTP_PORT + "/mqtt/auth"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(login)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final Path DASHBOARD = Path.of("deploy/grafana/dashboards/devices-service.json");
    /** PromQL words that are not metric names in the dashboard's expressions. */
    private static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "rate", "irate", "increase",
            "histogram_quantile", "by", "without");

    /** Metric names in a PromQL expression: its identifiers, less label matchers, groupings and functions. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (identifier.find()) {
            if (!PROMQL.contains(identifier.group())) {
                names.add(identifier.group());
            }
        }
        return names;
    }

    private static boolean hasSeries(String scraped, String name) {
        return scraped.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    /** The series of gRPC calls of a method answered with a code: metric name, then its labels. */
    private static String[] calls(String method, String code) {
        return new String[] {"grpc_server_calls_seconds_count", "code=\"" + code + "\"", "method=\"" + method + "\""};
    }

    private static double value(String scraped, String[] series) {
        return value(scraped, series[0], Arrays.copyOfRange(series, 1, series.length));
    }

    /**
     * The value of the series of that name whose labels include these ({@code name="value"}, in
     * any order: the endpoint sorts them); 0 when there is none yet.
     */
    private static double value(String scraped, String name, String... labels) {
        return scraped.lines()
                .filter(line -> line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + TestEnvironment.HTTP_PORT + "/metrics"))
                .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "GET /metrics without credentials");
        return response.body();
    }
}

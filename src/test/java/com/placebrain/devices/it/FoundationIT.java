package com.placebrain.devices.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.ListDevicesRequest;
import com.placebrain.devices.it.support.Await;
import com.placebrain.devices.it.support.Ids;
import com.placebrain.devices.it.support.ServiceDeployment;
import com.placebrain.devices.it.support.TestEnvironment;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The server starts, serves gRPC over plaintext HTTP/2 and reports its dependencies. */
class FoundationIT extends ServiceDeployment {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void grpcHealthAnswersServingOverPlaintext() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(client.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
        assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
        assertEquals(ServingStatus.SERVING,
                health.check(HealthCheckRequest.newBuilder().setService("devices.DevicesService").build()).getStatus());
    }

    /**
     * grpc-java answers each error status with a RST_STREAM; with Liberty's default limit (100 per
     * 30 s) the connection would be closed under this client after about a hundred errors.
     */
    @Test
    void aClientGettingManyErrorAnswersKeepsItsConnection() {
        ListDevicesRequest malformed = ListDevicesRequest.newBuilder().setUserId("not-a-uuid")
                .setPlaceId(Ids.newId()).build();
        Map<Status.Code, Integer> answers = new TreeMap<>();
        for (int i = 0; i < 1_000; i++) {
            try {
                client.rpc(Duration.ofSeconds(10)).listDevices(malformed);
                answers.merge(Status.Code.OK, 1, Integer::sum);
            } catch (StatusRuntimeException e) {
                answers.merge(e.getStatus().getCode(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of(Status.Code.INVALID_ARGUMENT, 1_000), answers, "answers to 1,000 malformed requests");
    }

    @Test
    void reflectionListsTheDevicesService() throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(client.channel())
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override public void onNext(ServerReflectionResponse value) { answer.complete(value); }
                    @Override public void onError(Throwable t) { answer.completeExceptionally(t); }
                    @Override public void onCompleted() { }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        List<String> services = answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList()
                .stream().map(ServiceResponse::getName).toList();
        requests.onCompleted();
        assertTrue(services.contains("devices.DevicesService"), "reflection lists " + services);
        assertTrue(services.contains("grpc.health.v1.Health"), "reflection lists " + services);
    }

    @Test
    void readinessReportsEveryDependencyUp() throws Exception {
        JsonObject ready = awaitReadiness("UP", Duration.ofSeconds(30));
        assertEquals(Map.of("postgresql", "UP", "redis", "UP", "kafka", "UP", "mqtt", "UP"), checkStatuses(ready));
    }

    @Test
    void readinessNamesAStoppedDependencyAndRecovers() throws Exception {
        awaitReadiness("UP", Duration.ofSeconds(30));
        TestEnvironment.run("pkill", "-x", "mosquitto");
        try {
            JsonObject down = awaitReadiness("DOWN", Duration.ofSeconds(20));
            Map<String, String> statuses = checkStatuses(down);
            assertEquals("DOWN", statuses.get("mqtt"), down.toString());
            assertEquals("UP", statuses.get("postgresql"), down.toString());
            JsonObject mqtt = down.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("name").equals("mqtt")).findFirst().orElseThrow();
            assertTrue(mqtt.getJsonObject("data").getString("error").startsWith("mqtt unreachable"), mqtt.toString());
        } finally {
            TestEnvironment.stackUp();
        }
        // The service reconnects by itself, without a restart.
        awaitReadiness("UP", Duration.ofSeconds(30));
    }

    @Test
    void livenessIsSeparateFromDependencies() throws Exception {
        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode());
        assertEquals("UP", Json.createReader(new StringReader(live.body())).readObject().getString("status"));
    }

    private static JsonObject awaitReadiness(String status, Duration timeout) throws Exception {
        Readiness ready = Await.await("readiness " + status, timeout, Duration.ofMillis(250),
                FoundationIT::readiness, answer -> status.equals(answer.body().getString("status")));
        assertEquals("UP".equals(status) ? 200 : 503, ready.httpStatus());
        return ready.body();
    }

    private record Readiness(int httpStatus, JsonObject body) {
    }

    private static Readiness readiness() throws Exception {
        HttpResponse<String> response = get("/health/ready");
        return new Readiness(response.statusCode(), Json.createReader(new StringReader(response.body())).readObject());
    }

    private static Map<String, String> checkStatuses(JsonObject health) {
        return health.getJsonArray("checks").getValuesAs(JsonValue::asJsonObject).stream()
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestEnvironment.HTTP_PORT + path))
                .timeout(Duration.ofSeconds(15)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

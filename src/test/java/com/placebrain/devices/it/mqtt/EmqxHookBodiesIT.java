package com.placebrain.devices.it.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.CreateDeviceResponse;
import com.placebrain.devices.it.support.Ids;
import com.placebrain.devices.it.support.RoleFixture;
import com.placebrain.devices.it.support.ServerLog;
import com.placebrain.devices.it.support.ServiceDeployment;
import com.placebrain.devices.it.support.TestEnvironment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11: the EMQX hooks read their bodies strictly. Each malformed body is refused with its
 * status and a JSON error, one log line and no stack trace; EMQX's own bodies answer as before.
 */
class EmqxHookBodiesIT extends ServiceDeployment {

    private static final String HOOK_SECRET = System.getProperty("it.hook.secret", "it-hook-secret-5f1c");
    private static final int LIMIT = 16 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static String device;
    private static String token;

    @BeforeAll
    static void aDevice() {
        RoleFixture.OwnedPlace owned = roles.newOwnedPlace();
        CreateDeviceResponse created = fixture.createDevice(owned.owner(), owned.place(), "hooks");
        device = created.getDeviceId();
        token = created.getToken();
    }

    static Stream<Arguments> malformedBodies() {
        String nested = "{\"username\":" + "[".repeat(1000) + "]".repeat(1000) + ",\"password\":\"x\"}";
        return Stream.of(
                Arguments.of("1,000-deep nesting", "/mqtt/auth", "application/json", nested, 400,
                        "nested deeper than 16 levels"),
                Arguments.of("1,000-deep objects", "/mqtt/acl", "application/json",
                        "{\"a\":".repeat(1000) + "1" + "}".repeat(1000), 400, "nested deeper than 16 levels"),
                Arguments.of("trailing garbage", "/mqtt/auth", "application/json",
                        "{\"username\":\"collector\",\"password\":\"x\"} garbage", 400, "JSON"),
                Arguments.of("two documents", "/mqtt/auth", "application/json",
                        "{\"username\":\"collector\",\"password\":\"x\"}{}", 400, "JSON"),
                Arguments.of("duplicate key", "/mqtt/auth", "application/json",
                        "{\"username\":\"collector\",\"username\":\"device:" + Ids.newId() + "\",\"password\":\"x\"}",
                        400, "duplicate key \"username\""),
                Arguments.of("duplicate key (acl)", "/mqtt/acl", "application/json",
                        "{\"username\":\"collector\",\"topic\":\"a\",\"topic\":\"b\",\"action\":\"publish\"}", 400,
                        "duplicate key \"topic\""),
                Arguments.of("text/plain", "/mqtt/auth", "text/plain", "{\"username\":\"collector\",\"password\":\"x\"}",
                        415, "application/json"),
                Arguments.of("form", "/mqtt/acl", "application/x-www-form-urlencoded", "username=collector&topic=a",
                        415, "application/json"),
                Arguments.of("UTF-16 JSON", "/mqtt/auth", "application/json; charset=utf-16",
                        "{\"username\":\"collector\"}", 415, "application/json"),
                Arguments.of("username a number", "/mqtt/auth", "application/json", "{\"username\":5,\"password\":\"x\"}",
                        400, "'username' must be a string"),
                Arguments.of("password an object", "/mqtt/auth", "application/json",
                        "{\"username\":\"collector\",\"password\":{\"p\":\"x\"}}", 400, "'password' must be a string"),
                Arguments.of("topic an array", "/mqtt/acl", "application/json",
                        "{\"username\":\"collector\",\"topic\":[\"a\"],\"action\":\"publish\"}", 400,
                        "'topic' must be a string"),
                Arguments.of("an array", "/mqtt/acl", "application/json", "[]", 400, "must be a JSON object"),
                Arguments.of("over 16 KiB", "/mqtt/auth", "application/json",
                        " ".repeat(LIMIT) + "{\"username\":\"collector\",\"password\":\"x\"}", 413, "at most 16384 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void aMalformedBodyIsRefusedWithOneLogLineAndNoStackTrace(String what, String path, String contentType, String body,
                                                              int status, String reason) throws Exception {
        ServerLog log = ServerLog.mark();
        HttpResponse<String> response = post(path, HOOK_SECRET, contentType, HttpRequest.BodyPublishers.ofString(body));
        assertRefused(response, status, reason);
        assertOneLogLine(log, path, status);
    }

    /** The issue's probe: 100 MB of spaces, then a valid body, was read whole and allowed after 1.2 s. */
    @Test
    void aHundredMegabytesAreRefusedWithoutBeingRead() throws Exception {
        String login = "{\"username\":\"device:%s\",\"password\":\"%s\"}".formatted(device, token);
        for (boolean declared : new boolean[] {true, false}) {
            ServerLog log = ServerLog.mark();
            long started = System.nanoTime();
            HttpRequest.BodyPublisher body = declared
                    ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                            () -> spacesThen(login)), 100_000_000L + login.length())
                    : HttpRequest.BodyPublishers.ofInputStream(() -> spacesThen(login));
            HttpResponse<String> response;
            try {
                response = post("/mqtt/auth", HOOK_SECRET, "application/json", body);
            } catch (IOException closedWhileSending) {
                // The server may answer and close before the client has sent everything.
                System.out.println("100 MB body (" + (declared ? "Content-Length" : "chunked") + "): connection closed by"
                        + " the server while sending, after " + millisSince(started) + " ms");
                assertOneLogLine(log, "/mqtt/auth", 413);
                continue;
            }
            System.out.println("100 MB body (" + (declared ? "Content-Length" : "chunked") + "): HTTP "
                    + response.statusCode() + " after " + millisSince(started) + " ms");
            assertRefused(response, 413, "at most 16384 bytes");
            assertOneLogLine(log, "/mqtt/auth", 413);
        }
    }

    /** The secret is checked before the body is looked at: without it, any body is 401 and nothing is logged. */
    @Test
    void withoutTheSecretNoBodyIsReadOrJudged() throws Exception {
        ServerLog log = ServerLog.mark();
        for (String secret : new String[] {null, "wrong"}) {
            assertEquals(401, post("/mqtt/auth", secret, "text/plain", HttpRequest.BodyPublishers.ofString("{{{")).statusCode());
            assertEquals(401, post("/mqtt/acl", secret, "application/json",
                    HttpRequest.BodyPublishers.ofString(" ".repeat(LIMIT * 4))).statusCode());
        }
        assertEquals(List.of(), log.lines().stream().filter(l -> l.contains("EmqxHooksServlet")).toList());
    }

    @Test
    void emqxBodiesAnswerAsBefore() throws Exception {
        for (String contentType : List.of("application/json", "application/json; charset=utf-8")) {
            assertEquals("allow", result("/mqtt/auth", contentType, """
                    {"username":"device:%s","password":"%s","clientid":"c1","peerhost":"10.0.0.7"}""".formatted(device, token)));
            assertEquals("deny", result("/mqtt/auth", contentType, """
                    {"username":"device:%s","password":"wrong","clientid":"c1","peerhost":"10.0.0.7"}""".formatted(device)));
            assertEquals("ignore", result("/mqtt/auth", contentType, """
                    {"username":"dashboard-admin","password":"x","clientid":"c","peerhost":"10.0.0.7"}"""));
            assertEquals("ignore", result("/mqtt/acl", contentType, """
                    {"username":"bridge","clientid":"b","topic":"x","action":"publish","qos":"0","retain":"false"}"""));
            assertEquals("deny", result("/mqtt/acl", contentType, """
                    {"username":"device:%s","clientid":"c1","topic":"placebrain/x/#","action":"subscribe","qos":1,"retain":false}"""
                    .formatted(device)));
        }
        // Null where a password may be absent, numbers and booleans where nothing is read, nesting within bounds.
        assertEquals("deny", result("/mqtt/auth", "application/json", """
                {"username":"device:%s","password":null,"clientid":null,"extra":{"a":[1,2,{"b":true}]}}""".formatted(device)));
    }

    private static InputStream spacesThen(String body) {
        InputStream spaces = new InputStream() {
            private long left = 100_000_000L;

            @Override
            public int read() {
                return left-- > 0 ? ' ' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) ' ');
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(spaces, new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String result(String path, String contentType, String body) throws Exception {
        HttpResponse<String> response = post(path, HOOK_SECRET, contentType, HttpRequest.BodyPublishers.ofString(body));
        assertEquals(200, response.statusCode(), path + " " + body + " -> " + response.body());
        return json(response).getString("result");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String reason) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        String error = json(response).getString("error");
        assertTrue(error.contains(reason), error);
    }

    private static void assertOneLogLine(ServerLog log, String path, int status) throws Exception {
        String expected = "EMQX hook " + path + " from 127.0.0.1 refused (HTTP " + status + ")";
        List<String> lines = log.await(l -> l.contains("EmqxHooksServlet") || l.contains("EMQX hook"), 1);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(expected), lines.get(0));
        assertEquals(List.of(), log.stackTraceLines(), "no stack trace in the server log");
    }

    private static HttpResponse<String> post(String path, String secret, String contentType,
                                             HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestEnvironment.HTTP_PORT + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(body);
        if (secret != null) {
            request.header("X-Devices-Hook-Secret", secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}

package com.placebrain.devices.it.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays EMQX's REST API where the server under test is told EMQX is (failsafe sets
 * DEVICES_EMQX_API_URL to this port): records each {@code DELETE /api/v5/clients/{id}} and
 * answers 204, as EMQX does for a client it disconnected. EMQX itself cannot run on this machine;
 * this checks what the service asks of it, not EMQX.
 */
public final class EmqxApiRecorder implements AutoCloseable {

    public static final int PORT = Integer.getInteger("it.emqx.api.port", 18183);
    public static final String API_KEY = "devices-it";
    public static final String API_SECRET = System.getProperty("it.emqx.api.secret", "it-emqx-api-secret-3d7a");

    private final HttpServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    public EmqxApiRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.createContext("/", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    /** What a kick of this client id looks like, credentials included. */
    public static String kickOf(String clientId) {
        return "DELETE /api/v5/clients/" + clientId + " Basic " + Base64.getEncoder()
                .encodeToString((API_KEY + ":" + API_SECRET).getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until the kick of this client id has been asked for; fails after the timeout. */
    public void awaitKick(String clientId, Duration timeout) {
        String expected = kickOf(clientId);
        Await.await("a call " + expected, timeout, Duration.ofMillis(50), this::calls, seen -> seen.contains(expected));
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

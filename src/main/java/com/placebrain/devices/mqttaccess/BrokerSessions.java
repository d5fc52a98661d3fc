package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.devices.DeviceTokensRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

/**
 * Live broker sessions, so that a revocation also ends them (CONTRACT §6): EMQX checks the acl
 * rules a client got at login before any authorizer, so without a kick a deleted device, a
 * rotated token or a removed member would keep what it had until it reconnects. The client ids
 * that logged in through the EMQX hook are kept per username in Redis; a revocation disconnects
 * each through EMQX's REST API ({@code DELETE /api/v5/clients/{clientid}}) and forgets it. A
 * client that reconnects is then judged by the current registry and role cache.
 *
 * <p>Off unless {@code devices.emqx.api-url} is set. Kicks run after the change, on a managed
 * thread: an EMQX that is away costs a warning, never the revocation itself, which the
 * credential checks already enforce at the next login.
 */
@ApplicationScoped
public class BrokerSessions {

    private static final Logger LOG = Logger.getLogger(BrokerSessions.class.getName());
    /** Client ids kept per username, newest first; a username rarely has more than a few. */
    static final int MAX_CLIENT_IDS = 16;

    private final JedisPooled redis;
    private final MqttKeys keys;
    private final MqttAccessSettings settings;
    private final InstantSource clock;
    /** Managed threads: kicks run after the caller's change, never as part of it. */
    private final Executor executor;
    private HttpClient http;

    @Inject
    BrokerSessions(JedisPooled redis, MqttKeys keys, MqttAccessSettings settings, InstantSource clock, Executor executor) {
        this.redis = redis;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
    }

    /** For CDI's client proxy. */
    BrokerSessions() {
        this(null, null, null, null, null);
    }

    private boolean enabled() {
        return settings.emqxApiUrl().isPresent();
    }

    /**
     * After an allowed login through the EMQX hook; without an api-url nothing is kept. Only
     * devices and users can be revoked, so only their sessions are worth remembering. One round
     * trip: both writes are pipelined.
     */
    public void loggedIn(MqttIdentity who, String clientId) {
        boolean revocable = who instanceof MqttIdentity.Device || who instanceof MqttIdentity.User;
        if (!enabled() || clientId.isEmpty() || !revocable) {
            return;
        }
        String key = keys.brokerSessions(who.username());
        try (Pipeline pipeline = redis.pipelined()) {
            pipeline.zadd(key, clock.millis(), clientId);
            pipeline.zremrangeByRank(key, 0, -(MAX_CLIENT_IDS + 1));
            pipeline.sync();
        }
    }

    /** Disconnects every recorded session of these usernames; returns at once. */
    public void kick(Collection<String> usernames) {
        if (!enabled() || usernames.isEmpty()) {
            return;
        }
        List<String> names = List.copyOf(usernames);
        executor.execute(() -> names.forEach(this::kickNow));
    }

    void devicesRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceTokensRevoked revoked) {
        kick(revoked.deviceIds().stream().map(id -> new MqttIdentity.Device(id).username()).toList());
    }

    private void kickNow(String username) {
        String key = keys.brokerSessions(username);
        try {
            for (String clientId : redis.zrange(key, 0, -1)) {
                if (disconnect(clientId)) {
                    redis.zrem(key, clientId);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not end the broker sessions of " + username + ": " + e.getMessage());
        }
    }

    /** True when EMQX no longer has the client: it was kicked (204) or was not connected (404). */
    private boolean disconnect(String clientId) {
        URI uri = URI.create(settings.emqxApiUrl().orElseThrow().toString().replaceAll("/+$", "") + "/api/v5/clients/"
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).DELETE()
                .timeout(Duration.ofMillis(settings.emqxApiTimeoutMillis()));
        settings.emqxApiKey().ifPresent(key -> request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((key + ":" + settings.emqxApiSecret().orElse("")).getBytes(StandardCharsets.UTF_8))));
        try {
            int status = httpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 204 || status == 404) {
                LOG.fine(() -> "Broker session " + clientId + (status == 204 ? " kicked" : " was not connected"));
                return true;
            }
            LOG.warning(() -> "EMQX answered " + status + " to kicking client " + clientId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warning(() -> "EMQX unreachable to kick client " + clientId + ": " + e.getMessage());
        }
        return false;
    }

    private synchronized HttpClient httpClient() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.emqxApiTimeoutMillis())).build();
        }
        return http;
    }
}

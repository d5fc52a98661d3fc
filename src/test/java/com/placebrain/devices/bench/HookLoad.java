package com.placebrain.devices.bench;

import com.placebrain.devices.bench.Bench.Row;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.mindrot.jbcrypt.BCrypt;
import redis.clients.jedis.JedisPooled;

/**
 * The EMQX authentication hook ({@code POST /mqtt/auth}) as EMQX calls it: an HTTP/1.1 POST of a
 * JSON body {@code {"username":"device:<id>","password":"<token>","clientid":…,"peerhost":…}},
 * with the hook secret's header when the environment names one (DEVICES_EMQX_HOOK_SECRET and
 * DEVICES_EMQX_HOOK_SECRET_HEADER, as the service reads them). Baseline: {@code GET /health/live}
 * on the same listener and client.
 *
 * <p>Two figures: warm logins of a few devices whose tokens the service has cached (one java.net.http
 * client: with N requests in flight it keeps N HTTP/1.1 connections and reuses them), and a
 * reconnect storm of many distinct devices logging in once each, cold (their first login: bcrypt
 * cost 10 in the service, no fast verifier yet, as tokens the Python service made) and then warm,
 * sent by wrk ({@link WrkPass}).
 */
final class HookLoad {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String token = "bench-token-" + UUID.randomUUID();
    private final Optional<String> secret = Optional.ofNullable(System.getenv("DEVICES_EMQX_HOOK_SECRET"))
            .filter(s -> !s.isEmpty());
    private final String secretHeader = Optional.ofNullable(System.getenv("DEVICES_EMQX_HOOK_SECRET_HEADER"))
            .filter(s -> !s.isEmpty()).orElse("X-Devices-Hook-Secret");

    private HookLoad(Bench bench) {
        base = "http://" + bench.host() + ":" + bench.integer("http-port");
    }

    static List<Row> warmFigure(Bench bench) throws Exception {
        HookLoad hook = new HookLoad(bench);
        int inFlight = bench.integer("hook-inflight");
        return hook.withDevices(bench, bench.integer("hook-devices"), devices -> {
            Load.Call login = hook.login(devices);
            Load.Result first = Load.forCalls(devices.size(), inFlight, login);
            System.out.printf("   first logins (bcrypt in the service): %s logins/s%s%n",
                    Bench.number(first.perSecond()), first.failureNote());
            return RateRounds.compare(bench, "req/s",
                    new RateRounds.Measured("GET /health/live", inFlight, hook.live()),
                    List.of(new RateRounds.Measured("EMQX hook POST /mqtt/auth, warm", inFlight, login)),
                    String.format("HTTP/1.1, one connection per request in flight; %d devices round robin, cached"
                            + " token; hook secret %s", devices.size(), hook.secret.isPresent() ? "sent" : "none"));
        });
    }

    static List<Row> stormFigures(Bench bench) throws Exception {
        WrkPass.requireWrk();
        HookLoad hook = new HookLoad(bench);
        WrkPass pass = new WrkPass(hook.base, bench.integer("storm-inflight"));
        int rounds = bench.rounds();
        return hook.withDevices(bench, bench.integer("storm"), devices -> {
            Load.Result cold = pass.logins(devices, hook.token, hook.secret, hook.secretHeader);
            System.out.printf("   cold pass: %.1f s%s%n", cold.seconds(), cold.failureNote());
            double[] warm = new double[rounds];
            double[] live = new double[rounds];
            long warmFailed = 0;
            for (int round = 0; round < rounds; round++) {
                Load.Result warmPass = pass.logins(devices, hook.token, hook.secret, hook.secretHeader);
                Load.Result livePass = pass.gets(devices.size(), "/health/live");
                warm[round] = warmPass.seconds();
                live[round] = livePass.seconds();
                warmFailed += warmPass.failed() + livePass.failed();
                System.out.printf("   round %d: warm pass %.2f s%s, GET /health/live %.2f s%s%n", round + 1,
                        warm[round], warmPass.failureNote(), live[round], livePass.failureNote());
            }
            String parameters = String.format("%,d distinct devices, each logging in once a pass, %d in flight,"
                    + " HTTP/1.1, sent by wrk; baseline: as many GET /health/live", devices.size(),
                    bench.integer("storm-inflight"));
            String baseline = String.format("GET /health/live: %.2f s", Load.median(live));
            return List.of(
                    new Row("reconnect storm, cold (bcrypt cost 10): total s",
                            String.format("%.1f s (%s logins/s)%s", cold.seconds(), Bench.number(cold.perSecond()),
                                    cold.failureNote()),
                            baseline, Bench.ratio(cold.seconds(), Load.median(live)), "1 (baseline " + rounds + ")",
                            parameters),
                    new Row("reconnect storm, warm (second pass): total s",
                            String.format("%.2f s (%s)%s", Load.median(warm), seconds(warm),
                                    warmFailed == 0 ? "" : " (" + warmFailed + " failed, see the log)"),
                            baseline, Bench.ratio(Load.median(warm), Load.median(live)), String.valueOf(rounds),
                            parameters));
        });
    }

    private interface WithDevices {
        List<Row> measure(List<UUID> devices) throws Exception;
    }

    /** Devices with a bcrypt hash of the token and no verifier, for the measurement only. */
    private List<Row> withDevices(Bench bench, int count, WithDevices measurement) throws Exception {
        String jdbc = bench.text("jdbc");
        UUID place = UUID.randomUUID();
        List<UUID> devices = BenchDevices.create(jdbc, place, count, BCrypt.hashpw(token, BCrypt.gensalt(10)));
        try (JedisPooled redis = bench.redis()) {
            try {
                return measurement.measure(devices);
            } finally {
                BenchDevices.deleteAll(jdbc, place, devices, redis);
            }
        }
    }

    /** Login number i: device i modulo their number, with its own client id. */
    private Load.Call login(List<UUID> devices) {
        List<HttpRequest> requests = new ArrayList<>();
        for (UUID device : devices) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mqtt/auth"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"device:" + device + "\",\"password\":\""
                            + token + "\",\"clientid\":\"bench-" + device + "\",\"peerhost\":\"127.0.0.1\"}"));
            secret.ifPresent(value -> request.header(secretHeader, value));
            requests.add(request.build());
        }
        return send(i -> requests.get((int) (i % requests.size())),
                body -> body.replace(" ", "").contains("\"result\":\"allow\""));
    }

    private Load.Call live() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/health/live")).GET().build();
        return send(i -> request, body -> true);
    }

    private interface RequestNumber {
        HttpRequest of(long index);
    }

    /** A call that succeeds on HTTP 200 with a body {@code accepted} takes. */
    private Load.Call send(RequestNumber requests, Predicate<String> accepted) {
        return (i, done) -> client.sendAsync(requests.of(i), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) -> {
                    if (error != null) {
                        done.failed(error.toString());
                    } else if (response.statusCode() != 200) {
                        done.failed("HTTP " + response.statusCode() + " " + response.body());
                    } else if (!accepted.test(response.body())) {
                        done.failed("refused: " + response.body());
                    } else {
                        done.ok();
                    }
                });
    }

    private static String seconds(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(text.isEmpty() ? "" : " / ").append(String.format("%.2f", value));
        }
        return text.toString();
    }
}

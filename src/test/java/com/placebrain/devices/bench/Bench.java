package com.placebrain.devices.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;

/**
 * The one benchmark command (scripts/bench.sh): runs the chosen figures of BENCHMARKS.md against a
 * running service, each with its baseline measured in the same run, and prints one markdown table.
 *
 *   java -cp <test classpath> com.placebrain.devices.bench.Bench [figure...] [name=value...]
 *   java -cp <test classpath> com.placebrain.devices.bench.Bench --baseline-server <port>
 */
public final class Bench {

    /**
     * Every figure, in the order they run ("memory" last: the service's RSS after all the others).
     * "startup" starts and stops servers of its own, so it runs alone, with no service running.
     */
    static final List<String> FIGURES = List.of("startup", "grpc", "devices", "auth", "hook", "clients", "storm", "kafka", "roles",
            "memory");
    /** What "all" (and no figure named) runs; kafka, roles and startup are asked for by name. */
    static final List<String> ALL = List.of("grpc", "devices", "auth", "hook", "clients", "storm", "memory");

    /** Every setting, its default and what it is; name=value on the command line overrides. */
    static final Map<String, String[]> SETTINGS = new LinkedHashMap<>();

    static {
        setting("rounds", "3", "rounds of each figure (service and baseline alternate within a round)");
        setting("seconds", "5", "length of one timed measurement");
        setting("warmup", "10", "seconds of calls to each rate figure and its baseline before the rounds: a freshly"
                + " started server runs a new path on C1's code for its first seconds (jvm.options raises the C2"
                + " thresholds for start-up), and with 2 s the first round measured that");
        setting("host", "127.0.0.1", "the service's address");
        setting("grpc-port", "50053", "the service's gRPC port");
        setting("http-port", "9080", "the service's HTTP port (health, EMQX hooks)");
        setting("baseline-port", "50099", "port of the plain grpc-java Netty baseline server (own JVM)");
        setting("jdbc", "jdbc:postgresql://127.0.0.1:5432/devices_db", "the service's database (user devices)");
        setting("redis", "127.0.0.1:6379", "the service's Redis");
        setting("kafka", "127.0.0.1:9092", "the service's Kafka");
        setting("grpc-inflight", "64", "grpc: Health/Check calls in flight");
        setting("devices-inflight", "32", "devices: GetDevice/ListDevices/Health calls in flight");
        setting("list-devices", "20", "devices: devices in the place (one with 5 sensors, 5 actuators)");
        setting("auth-inflight", "16", "auth: AuthenticateDevice/Health calls in flight");
        setting("auth-devices", "100", "auth: devices logging in (round robin)");
        setting("hook-inflight", "32", "hook: HTTP requests in flight (one HTTP/1.1 connection each)");
        setting("hook-devices", "100", "hook: devices logging in (round robin)");
        setting("calls", "100000", "clients: Health/Check calls per client and server");
        setting("calls-inflight", "64", "clients: calls in flight");
        setting("storm", "10000", "storm: distinct devices, each logging in once per pass");
        setting("storm-inflight", "64", "storm: /mqtt/auth requests in flight");
        setting("kafka-records", "50000", "kafka: telemetry records per topic and round");
        setting("kafka-devices", "1000", "kafka: devices the telemetry records are for (round robin)");
        setting("kafka-members", "10000", "kafka: places.member.added records per round");
        setting("kafka-latency-samples", "50", "kafka: statuses sent one at a time for the low-load latency");
        setting("members", "10000", "roles: memberships (100 places)");
        setting("server", "target/liberty/wlp/bin/server", "startup: the built server's launch script (scripts/run.sh builds it)");
        setting("server-name", "devices", "startup: the server to run (`server run <name>`)");
        setting("startup-timeout", "120", "startup: seconds a start may take before the round fails");
    }

    /** Held so that the level sticks: kafka-clients logs every client's whole configuration at INFO. */
    private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");

    private final Map<String, String> values;
    private Process baselineServer;

    private Bench(Map<String, String> values) {
        this.values = values;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--baseline-server")) {
            GrpcHealthLoad.serveBaseline(Integer.parseInt(args[1]));
            return;
        }
        KAFKA_LOG.setLevel(Level.WARNING);
        Set<String> chosen = new LinkedHashSet<>();
        Map<String, String> values = new LinkedHashMap<>();
        SETTINGS.forEach((name, setting) -> values.put(name, setting[0]));
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals > 0 && SETTINGS.containsKey(arg.substring(0, equals))) {
                values.put(arg.substring(0, equals), arg.substring(equals + 1));
            } else if (arg.equals("help") || arg.equals("-h") || arg.equals("--help")) {
                usage("scripts/bench.sh: the benchmarks of BENCHMARKS.md against a running service");
                return;
            } else if (arg.equals("all")) {
                chosen.addAll(ALL);
            } else if (FIGURES.contains(arg)) {
                chosen.add(arg);
            } else {
                usage("unknown figure or setting: " + arg);
                System.exit(2);
            }
        }
        if (chosen.isEmpty()) {
            chosen.addAll(ALL);
        }
        if (chosen.contains("startup") && chosen.size() > 1) {
            usage("startup starts and stops its own servers: name it alone, with no service running");
            System.exit(2);
        }
        new Bench(values).run(chosen);
    }

    private void run(Set<String> chosen) throws Exception {
        if (!chosen.contains("startup")) {
            requireReady();
        }
        Optional<Long> rssBefore = chosen.contains("memory") ? Memory.rssKb() : Optional.empty();
        List<Row> rows = new ArrayList<>();
        long began = System.nanoTime();
        try {
            for (String figure : FIGURES) {
                if (!chosen.contains(figure)) {
                    continue;
                }
                System.out.println("== " + figure);
                long figureBegan = System.nanoTime();
                try {
                    List<Row> produced = switch (figure) {
                        case "startup" -> StartupTime.figures(this);
                        case "grpc" -> GrpcHealthLoad.figure(this);
                        case "devices" -> DeviceReadLoad.figure(this);
                        case "auth" -> MqttAuthLoad.figure(this);
                        case "hook" -> HookLoad.warmFigure(this);
                        case "clients" -> GrpcHealthLoad.clientFigures(this);
                        case "storm" -> HookLoad.stormFigures(this);
                        case "kafka" -> KafkaConsumptionLoad.figures(this);
                        case "roles" -> RoleRebuildLoad.figures(this);
                        case "memory" -> List.of(Memory.row(rssBefore));
                        default -> throw new IllegalArgumentException(figure);
                    };
                    produced.forEach(row -> System.out.println("   " + row.markdown()));
                    rows.addAll(produced);
                } catch (Exception e) {
                    e.printStackTrace();
                    rows.add(new Row(figure, "failed: " + e, "", "", "", ""));
                }
                System.out.printf("   (%s: %.0f s)%n", figure, (System.nanoTime() - figureBegan) / 1e9);
            }
        } finally {
            stopBaselineServer();
        }
        System.out.printf("%n## scripts/bench.sh %s (%.0f s)%n%n", String.join(" ", chosen), (System.nanoTime() - began) / 1e9);
        System.out.println(Row.HEADER);
        rows.forEach(row -> System.out.println(row.markdown()));
        System.out.println();
        System.out.println("Ratio: service / baseline (rates: below 1 is slower than the baseline;"
                + " seconds and memory: above 1 is slower or larger).");
    }

    /** Fails early, with the way out, when no service answers. */
    private void requireReady() throws InterruptedException {
        String ready = "http://" + host() + ":" + text("http-port") + "/health/ready";
        try (HttpClient client = HttpClient.newHttpClient()) {
            int status = client.send(HttpRequest.newBuilder(URI.create(ready)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return;
            }
            System.err.println(ready + " answered " + status + ": the service is not ready");
        } catch (IOException e) {
            System.err.println("no service at " + ready + " (" + e + "): start it with scripts/run.sh");
        }
        System.exit(1);
    }

    private static void setting(String name, String defaultValue, String meaning) {
        SETTINGS.put(name, new String[] {defaultValue, meaning});
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: scripts/bench.sh [all | figure...] [name=value...]");
        System.err.println("figures: " + String.join(" ", FIGURES) + " (all: " + String.join(" ", ALL) + ")");
        SETTINGS.forEach((name, setting) -> System.err.printf("  %s=%s  %s%n", name, setting[0], setting[1]));
    }

    String text(String name) {
        return values.get(name);
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name));
    }

    int rounds() {
        return integer("rounds");
    }

    double seconds() {
        return Double.parseDouble(values.get("seconds"));
    }

    double warmupSeconds() {
        return Double.parseDouble(values.get("warmup"));
    }

    String host() {
        return text("host");
    }

    /** A client of the service's Redis; the caller closes it. */
    JedisPooled redis() {
        String[] address = text("redis").split(":");
        return new JedisPooled(address[0], Integer.parseInt(address[1]));
    }

    /** A channel as clients build it by default (retries on); the caller shuts it down. */
    ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress(host(), port).usePlaintext().build();
    }

    /** The command that runs the plain grpc-java Netty server of the baselines in a JVM of its own. */
    static List<String> baselineServerCommand(int port) {
        List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-Xmx256m"));
        if (Runtime.version().feature() >= 24) {
            // Netty's and protobuf's JDK warnings, as scripts/bench.sh silences them for this JVM
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName(),
                "--baseline-server", String.valueOf(port)));
        return command;
    }

    /** The plain grpc-java Netty server with the same health service, started once per run in its own JVM. */
    synchronized int baselinePort() throws IOException, InterruptedException {
        int port = integer("baseline-port");
        if (baselineServer == null) {
            baselineServer = new ProcessBuilder(baselineServerCommand(port)).inheritIO().start();
            GrpcHealthLoad.awaitServing(this, port);
        }
        return port;
    }

    private synchronized void stopBaselineServer() throws InterruptedException {
        if (baselineServer != null) {
            baselineServer.destroy();
            baselineServer.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** One line of the table. */
    record Row(String figure, String service, String baseline, String ratio, String rounds, String parameters) {

        static final String HEADER = "| figure | service (median) | baseline (median) | ratio | rounds | parameters |\n"
                + "|---|---|---|---|---|---|";

        String markdown() {
            return "| " + String.join(" | ", figure, service, baseline, ratio, rounds, parameters) + " |";
        }
    }

    static String ratio(double service, double baseline) {
        double ratio = service / baseline;
        return String.format(ratio < 0.1 ? "%.3f" : "%.2f", ratio);
    }

    static String number(double value) {
        return String.format("%,.0f", value);
    }
}

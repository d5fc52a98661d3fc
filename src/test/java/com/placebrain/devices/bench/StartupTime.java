package com.placebrain.devices.bench;

import com.placebrain.devices.bench.Bench.Row;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up time of the built server (issue 13: Health/Check SERVING in under 15 s after the build):
 * each round starts {@code bash target/liberty/wlp/bin/server run devices} as scripts/run.sh does after
 * its build, polls grpc.health.v1.Health/Check (service "") every 50 ms until SERVING and
 * {@code GET /health/ready} until 200, then stops the server with SIGTERM and times its exit.
 * Where the time went is read from that start's messages.log (the milestones below). Baseline: a
 * plain grpc-java Netty server in its own JVM, from its launch to SERVING, timed the same way.
 * Needs the service's ports free: no other server of this checkout running.
 */
final class StartupTime {

    private static final HealthCheckRequest CHECK = HealthCheckRequest.getDefaultInstance();
    private static final long POLL_MILLIS = 50;
    /** [11/30/26, 15:57:04:838 UTC] at the start of each messages.log line. */
    private static final Pattern LOG_TIME = Pattern.compile("^\\[(\\d+/\\d+/\\d+, \\d+:\\d+:\\d+:\\d+ \\w+)]");
    private static final DateTimeFormatter LOG_FORMAT = DateTimeFormatter.ofPattern("M/d/yy, H:mm:ss:SSS z", Locale.ROOT);

    /** Milestones of a start, by the first messages.log line that contains the text. */
    private static final Map<String, String> MILESTONES = new LinkedHashMap<>();

    static {
        MILESTONES.put("launched", "CWWKE0001I");
        MILESTONES.put("kernel", "CWWKE0002I");
        MILESTONES.put("app starting", "CWWKZ0018I");
        MILESTONES.put("JPA provider", "CWWJP0053I");
        MILESTONES.put("web module", "SRVE0169I: Loading Web Module: devices.");
        MILESTONES.put("settings checked", "Configuration valid");
        MILESTONES.put("schema", "Schema is up to date");
        MILESTONES.put("gRPC listening", "gRPC listening on");
        MILESTONES.put("app started", "CWWKZ0001I");
        MILESTONES.put("HTTP listening", "CWWKO0219I");
        MILESTONES.put("server ready", "CWWKF0011I");
    }

    private StartupTime() {
    }

    /**
     * One start: seconds from launch to SERVING, to /health/ready 200, SIGTERM to exit; the server JVM's
     * CPU seconds until SERVING and the CPU seconds the rest of the machine used meanwhile (a shared
     * machine's noise); and the messages.log milestones.
     */
    private record Start(double serving, double ready, double stop, double serverCpu, double otherCpu,
            Map<String, Double> milestones) {
    }

    static List<Row> figures(Bench bench) throws Exception {
        int rounds = bench.rounds();
        Path server = Path.of(bench.text("server"));
        String name = bench.text("server-name");
        Path logs = server.toAbsolutePath().getParent().getParent().resolve("usr/servers/" + name + "/logs");
        if (!Files.isExecutable(server)) {
            throw new IllegalStateException(server + " not found: build first (scripts/run.sh, or its mvn command)");
        }
        requireFree(bench, bench.integer("grpc-port"));
        requireFree(bench, bench.integer("http-port"));
        ManagedChannel channel = bench.channel(bench.integer("grpc-port"));
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            // the clients' own classes are loaded before the first timed start
            serving(channel);
            ready(bench, http);
            List<Start> starts = new ArrayList<>();
            double[] baseline = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                baseline[round] = baselineStart(bench);
                Start start = start(bench, server, name, logs, channel, http, round);
                starts.add(start);
                System.out.printf("   round %d: SERVING %.1f s, /health/ready %.1f s, SIGTERM to exit %.1f s;"
                        + " CPU until SERVING: server %.1f s, rest of the machine %.1f s;"
                        + " plain grpc-java server SERVING %.1f s; messages.log: %s%n", round + 1, start.serving(),
                        start.ready(), start.stop(), start.serverCpu(), start.otherCpu(), baseline[round],
                        milestones(List.of(start)));
                Thread.sleep(2000);
            }
            String base = String.format("plain grpc-java Netty server, own JVM, launch to SERVING: %s", seconds(baseline));
            String command = "`bash " + server + " run " + name + "`, polled every " + POLL_MILLIS + " ms";
            return List.of(
                    new Row("start-up: server run to Health/Check SERVING", seconds(of(starts, Start::serving)), base,
                            Bench.ratio(Load.median(of(starts, Start::serving)), Load.median(baseline)),
                            String.valueOf(rounds), command + "; grpc.health.v1.Health/Check, service \"\""),
                    new Row("start-up: server run to /health/ready 200", seconds(of(starts, Start::ready)), base,
                            Bench.ratio(Load.median(of(starts, Start::ready)), Load.median(baseline)),
                            String.valueOf(rounds), command + "; every dependency UP"),
                    new Row("start-up: server JVM CPU until SERVING", seconds(of(starts, Start::serverCpu)), "", "",
                            String.valueOf(rounds), "user + system CPU of the server JVM (/proc/<pid>/stat); the rest of"
                            + " the machine meanwhile: " + seconds(of(starts, Start::otherCpu)) + " CPU"),
                    new Row("stop: SIGTERM to process exit", seconds(of(starts, Start::stop)), "", "",
                            String.valueOf(rounds), "SIGTERM to the server JVM once ready"),
                    new Row("start-up milestones (median s after launch)", milestones(starts), "", "",
                            String.valueOf(rounds), "first messages.log line of each: " + MILESTONES));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Start start(Bench bench, Path server, String name, Path logs, ManagedChannel channel, HttpClient http,
            int round) throws Exception {
        File console = new File("target/startup-round-" + (round + 1) + ".log");
        Instant launched = Instant.now();
        double machineBefore = machineCpuSeconds();
        long began = System.nanoTime();
        Process process = new ProcessBuilder("bash", server.toString(), "run", name).redirectErrorStream(true)
                .redirectOutput(console).start();
        try {
            long timeout = TimeUnit.SECONDS.toNanos(bench.integer("startup-timeout"));
            CompletableFuture<Double> serving = CompletableFuture.supplyAsync(
                    () -> await(process, began, timeout, () -> serving(channel)));
            CompletableFuture<Double> ready = CompletableFuture.supplyAsync(
                    () -> await(process, began, timeout, () -> ready(bench, http)));
            double servingSeconds = serving.join();
            double serverCpu = processCpuSeconds(process.pid()); // `server run` execs the JVM: same pid
            double otherCpu = machineCpuSeconds() - machineBefore - serverCpu;
            double readySeconds = ready.join();
            long stopping = System.nanoTime();
            process.destroy(); // SIGTERM: `server run` execs the JVM
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("server still running 60 s after SIGTERM");
            }
            double stopSeconds = (System.nanoTime() - stopping) / 1e9;
            return new Start(servingSeconds, readySeconds, stopSeconds, serverCpu, otherCpu,
                    readMilestones(logs.resolve("messages.log"), launched));
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Seconds from {@code began} until the check is true, polled every 50 ms. */
    private static double await(Process process, long began, long timeout, BooleanSupplier check) {
        while (true) {
            if (check.getAsBoolean()) {
                return (System.nanoTime() - began) / 1e9;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited (" + process.exitValue() + ") before it was ready");
            }
            if (System.nanoTime() - began > timeout) {
                throw new IllegalStateException("not ready after " + TimeUnit.NANOSECONDS.toSeconds(timeout) + " s");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean serving(ManagedChannel channel) {
        channel.resetConnectBackoff(); // a refused connection must not delay the next attempt
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS).check(CHECK).getStatus()
                    == HealthCheckResponse.ServingStatus.SERVING;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean ready(Bench bench, HttpClient http) {
        URI uri = URI.create("http://" + bench.host() + ":" + bench.text("http-port") + "/health/ready");
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The plain grpc-java server of GrpcHealthLoad, launched in its own JVM and timed to SERVING. */
    private static double baselineStart(Bench bench) throws Exception {
        int port = bench.integer("baseline-port");
        requireFree(bench, port);
        List<String> command = Bench.baselineServerCommand(port);
        ManagedChannel channel = bench.channel(port);
        long began = System.nanoTime();
        Process process = new ProcessBuilder(command).inheritIO().start();
        try {
            return await(process, began, TimeUnit.SECONDS.toNanos(60), () -> serving(channel));
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Busy CPU seconds of the whole machine since boot (/proc/stat: all but idle and iowait). */
    private static double machineCpuSeconds() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < cpu.length; i++) {
            if (i != 4 && i != 5 && i <= 8) { // user nice system [idle iowait] irq softirq steal
                busy += Long.parseLong(cpu[i]);
            }
        }
        return busy / 100.0; // USER_HZ
    }

    /** User + system CPU seconds of a process (/proc/<pid>/stat, utime and stime). */
    private static double processCpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static void requireFree(Bench bench, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(bench.host(), port), 500);
        } catch (IOException e) {
            return;
        }
        throw new IllegalStateException("something already listens on " + bench.host() + ":" + port
                + ": stop the running server first (startup starts its own)");
    }

    private static Map<String, Double> readMilestones(Path log, Instant launched) throws IOException {
        Map<String, Double> found = new LinkedHashMap<>();
        if (!Files.exists(log)) {
            return found;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher time = LOG_TIME.matcher(line);
            if (!time.find()) {
                continue;
            }
            for (Map.Entry<String, String> milestone : MILESTONES.entrySet()) {
                if (!found.containsKey(milestone.getKey()) && line.contains(milestone.getValue())) {
                    Instant at = ZonedDateTime.parse(time.group(1), LOG_FORMAT).toInstant();
                    found.put(milestone.getKey(), Duration.between(launched, at).toMillis() / 1000.0);
                }
            }
        }
        return found;
    }

    /** "kernel 3.1, app starting 8.0, ...": each milestone's median over the starts that logged it. */
    private static String milestones(List<Start> starts) {
        List<String> parts = new ArrayList<>();
        for (String milestone : MILESTONES.keySet()) {
            double[] values = starts.stream().filter(s -> s.milestones().containsKey(milestone))
                    .mapToDouble(s -> s.milestones().get(milestone)).toArray();
            if (values.length > 0) {
                parts.add(String.format("%s %.1f", milestone, Load.median(values)));
            }
        }
        return String.join(", ", parts);
    }

    private static double[] of(List<Start> starts, java.util.function.ToDoubleFunction<Start> value) {
        return starts.stream().mapToDouble(value).toArray();
    }

    private static String seconds(double[] values) {
        StringBuilder cell = new StringBuilder(String.format("%.1f s", Load.median(values)));
        if (values.length > 1) {
            cell.append(" (");
            for (int i = 0; i < values.length; i++) {
                cell.append(i == 0 ? "" : " / ").append(String.format("%.1f", values[i]));
            }
            cell.append(')');
        }
        return cell.toString();
    }
}

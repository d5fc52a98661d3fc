package com.placebrain.devices.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pass of the reconnect storm, sent by wrk (Debian's package) with bench/storm.lua: a fixed
 * number of requests, so many in flight, and the seconds until the last answer. The storm's goal
 * is a time, not a ratio, so its client must not be what limits it: java.net.http, which the other
 * hook figure uses, took 50-60 % of the two cores in a storm, and on one fresh server it answered
 * {@code GET /health/live} at 1,950-5,366 req/s where wrk got 10,390-13,077 (BENCHMARKS.md).
 */
final class WrkPass {

    private static final Pattern END = Pattern.compile("STORM end answered=(\\d+) refused=(\\d+)");
    private static final long MAX_MINUTES = 60;

    private final String base;
    private final int inFlight;
    private final Path script;

    WrkPass(String base, int inFlight) throws URISyntaxException {
        this.base = base;
        this.inFlight = inFlight;
        this.script = Path.of(WrkPass.class.getResource("/bench/storm.lua").toURI());
    }

    /** Fails at once, with the way out, when wrk is missing. */
    static void requireWrk() throws IOException, InterruptedException {
        try {
            new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            throw new IOException("the storm's client wrk is missing: apt-get install wrk (Debian's package)", e);
        }
    }

    /** Each device logs in once through {@code POST /mqtt/auth}, the token and hook secret as given. */
    Load.Result logins(List<UUID> devices, String token, Optional<String> secret, String secretHeader)
            throws IOException, InterruptedException {
        Path list = Files.createTempFile("storm-devices", ".txt");
        try {
            Files.write(list, devices.stream().map(UUID::toString).toList(), StandardCharsets.US_ASCII);
            Map<String, String> env = new LinkedHashMap<>(Map.of("STORM_PATH", "/mqtt/auth",
                    "STORM_DEVICES", list.toString(), "STORM_TOKEN", token, "STORM_SECRET_HEADER", secretHeader));
            secret.ifPresent(value -> env.put("STORM_SECRET", value));
            return run(devices.size(), env);
        } finally {
            Files.deleteIfExists(list);
        }
    }

    /** As many {@code GET}s of the path. */
    Load.Result gets(int count, String path) throws IOException, InterruptedException {
        return run(count, Map.of("STORM_PATH", path));
    }

    private Load.Result run(int count, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t1", "-c" + inFlight, "-d" + MAX_MINUTES + "m",
                "--timeout", "120s", "-s", script.toString(), base).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("STORM_COUNT", String.valueOf(count));
        Process wrk = builder.start();
        StringBuilder output = new StringBuilder();
        long began = 0;
        try (BufferedReader lines = wrk.inputReader(StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.equals("STORM begin")) {
                    began = System.nanoTime();
                }
                Matcher end = END.matcher(line);
                if (end.matches()) {
                    double seconds = (System.nanoTime() - began) / 1e9;
                    long refused = Long.parseLong(end.group(2));
                    return new Load.Result(Long.parseLong(end.group(1)) - refused, refused,
                            refused == 0 ? Map.of() : Map.of("not HTTP 200 with result allow", refused), seconds);
                }
            }
        } finally {
            wrk.destroy();
            wrk.waitFor(10, TimeUnit.SECONDS);
        }
        // Answers missing (socket errors, timeouts) until wrk's own duration ended: its summary says.
        throw new IOException("wrk ended before " + count + " answers: " + output);
    }
}

package com.placebrain.devices.bench;

import com.placebrain.devices.bench.Bench.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Resident memory of the Liberty server JVM ({@code ps -o rss}): the process whose command line
 * runs {@code ws-server.jar} for the server named {@code devices}, as scripts/run.sh starts it.
 * Measured when the benchmark starts (the baseline) and after all its other figures.
 */
final class Memory {

    private Memory() {
    }

    /**
     * The server's RSS in KiB; empty when no such process is found (with a message why). With
     * several (other checkouts' servers), the one this checkout's scripts/run.sh started.
     */
    static Optional<Long> rssKb() throws IOException, InterruptedException {
        List<String> servers = ps("-ww", "-eo", "pid=,args=").lines()
                .filter(line -> line.contains("ws-server.jar") && Arrays.asList(line.trim().split("\\s+")).contains("devices"))
                .toList();
        String ours = System.getProperty("user.dir") + "/target/liberty/";
        if (servers.size() > 1) {
            servers = servers.stream().filter(line -> line.contains(ours)).toList();
        }
        if (servers.size() != 1) {
            System.out.println("   memory: " + servers.size() + " Liberty servers named devices found; no RSS");
            return Optional.empty();
        }
        String pid = servers.getFirst().trim().split("\\s+")[0];
        return Optional.of(Long.parseLong(ps("-o", "rss=", "-p", pid).trim()));
    }

    static Row row(Optional<Long> before) throws IOException, InterruptedException {
        Optional<Long> after = rssKb();
        if (after.isEmpty()) {
            throw new IllegalStateException("no Liberty server named devices running on this machine");
        }
        return new Row("Liberty server RSS after the benchmark", megabytes(after.get()),
                "before the benchmark: " + before.map(Memory::megabytes).orElse("not measured"),
                before.map(b -> Bench.ratio(after.get(), b)).orElse(""), "1",
                "ps -o rss of the JVM running ws-server.jar devices");
    }

    private static String megabytes(long kb) {
        return Bench.number(kb / 1024.0) + " MiB";
    }

    private static String ps(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "ps";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}

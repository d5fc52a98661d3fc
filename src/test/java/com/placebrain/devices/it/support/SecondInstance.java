package com.placebrain.devices.it.support;

import com.placebrain.devices.grpc.v1.AuthenticateDeviceRequest;
import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Another Liberty server running the same application: a copy of the server Arquillian manages
 * (same server.xml, JVM options and libraries) with the built war in its dropins, on ports of its
 * own. {@link #start()} makes a replica of the server under test, for what replicas must agree on:
 * the same PostgreSQL, Redis, Kafka, broker and consumer group. {@link #startWith} makes a server
 * configured only by the environment it is given, as an operator would start it.
 */
public final class SecondInstance implements AutoCloseable {

    private static final Path WLP = Path.of("target/liberty/wlp");
    private static final long START_TIMEOUT_SECONDS = 180;

    private final String name;
    private final Map<String, String> environment;
    private final Path serverDir;
    private final ServiceClient client;
    /** Set once {@link #terminate} has ended the process: there is nothing left to stop. */
    private boolean terminated;

    private SecondInstance(String name, Map<String, String> environment, ServiceClient client) {
        this.name = name;
        this.environment = environment;
        this.serverDir = WLP.resolve("usr/servers/" + name);
        this.client = client;
    }

    /** A replica: the test run's configuration of the service (failsafe's environment), ports of its own. */
    public static SecondInstance start() throws IOException, InterruptedException {
        return replicaWith("devices-it-2", Map.of());
    }

    /** A replica (as {@link #start()}) whose environment has these variables more, e.g. {@code OTEL_*}. */
    public static SecondInstance replicaWith(String name, Map<String, String> moreEnvironment)
            throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("DEVICES_GRPC_PORT", Integer.getInteger("it.second.grpc.port", 50065).toString());
        environment.put("DEVICES_HTTP_PORT", Integer.getInteger("it.second.http.port", 9087).toString());
        environment.putAll(moreEnvironment);
        return start(name, environment);
    }

    /**
     * A server that sees none of the test run's {@code DEVICES_*} variables, only these (which must
     * name its ports: {@code DEVICES_GRPC_PORT}, {@code DEVICES_HTTP_PORT}).
     */
    public static SecondInstance startWith(String name, Map<String, String> serviceEnvironment)
            throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(variable -> variable.startsWith("DEVICES_"));
        environment.putAll(serviceEnvironment);
        return start(name, environment);
    }

    private static SecondInstance start(String name, Map<String, String> environment)
            throws IOException, InterruptedException {
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        int grpcPort = Integer.parseInt(environment.get("DEVICES_GRPC_PORT"));
        SecondInstance instance = new SecondInstance(name, environment,
                ServiceClient.open(grpcPort, ServiceClient.DEADLINE));
        Path first = WLP.resolve("usr/servers/devices-it");
        Path dir = instance.serverDir;
        if (Files.exists(dir)) {
            // One left running by an interrupted run would answer in place of the new one.
            instance.serverCommand("stop", 60);
        }
        deleteTree(dir);
        for (String entry : List.of("server.xml", "jvm.options", "server.env", "jdbc", "lib")) {
            copyTree(first.resolve(entry), dir.resolve(entry));
        }
        Files.createDirectories(dir.resolve("dropins"));
        Files.copy(Path.of(System.getProperty("it.war", "target/devices.war")), dir.resolve("dropins/devices.war"));
        try {
            String output = instance.serverCommand("start", START_TIMEOUT_SECONDS);
            if (output != null) {
                throw new IllegalStateException("server start " + name + " failed:\n" + output);
            }
            instance.awaitApplication();
        } catch (IOException | RuntimeException | InterruptedException e) {
            try {
                instance.close();
            } catch (IOException | RuntimeException | InterruptedException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return instance;
    }

    /**
     * Runs {@code bin/server <action> <name>} with this instance's environment; returns null when
     * it succeeded in time, else what it printed. Its output goes to a file, so a hung script
     * cannot block the wait.
     */
    private String serverCommand(String action, long timeoutSeconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile(name + "-" + action, ".log");
        try {
            ProcessBuilder command = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, name)
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            command.environment().clear();
            command.environment().putAll(environment);
            Process process = command.start();
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            return finished && process.exitValue() == 0 ? null : Files.readString(output);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** A stub of this instance whose deadline ({@link ServiceClient#DEADLINE}) starts now. */
    public DevicesServiceGrpc.DevicesServiceBlockingStub rpc() {
        return client.rpc();
    }

    public Path log() {
        return serverDir.resolve("logs/messages.log");
    }

    /** The server is up before its application: wait until the devices service answers. */
    private void awaitApplication() {
        AuthenticateDeviceRequest probe = AuthenticateDeviceRequest.newBuilder().setUsername("probe").build();
        try {
            Await.await(name + " serves the devices service", Duration.ofSeconds(START_TIMEOUT_SECONDS),
                    Duration.ofMillis(500), () -> rpc().authenticateDevice(probe), answer -> true);
        } catch (AssertionError notYet) {
            throw new IllegalStateException(name + " did not serve the devices service in time; see " + log(), notYet);
        }
    }

    /**
     * Sends SIGTERM to the server's JVM, as a container runtime or systemd stops it, and waits up
     * to {@code timeout} for the process to end; returns how long it took, or null if it had not
     * ended by then (it is then killed).
     *
     * <p>Ended means terminated: gone, or a zombie. {@code server start} leaves the JVM to the
     * machine's PID 1, which reaps orphans late here (process_api: an exited JVM stayed a zombie for
     * 1-3 s, which {@code ProcessHandle} counts as alive and LifecycleIT counted as stop time).
     */
    public Duration terminate(Duration timeout) throws IOException, InterruptedException {
        Path pidFile = WLP.resolve("usr/servers/.pid/" + name + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(name + " (pid " + pid + ") is not running"));
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        process.destroy();
        try {
            while (process.isAlive() && !zombie(pid)) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    return null;
                }
                Thread.sleep(10);
            }
            return Duration.ofNanos(System.nanoTime() - started);
        } finally {
            terminated = true;
            client.close();
        }
    }

    /** Whether the process has terminated and only waits to be reaped (state Z in /proc/<pid>/stat). */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) state ...": comm may hold spaces and parentheses, the state follows the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return true;
        }
    }

    /** Stops the server; a failure to stop is reported, so a stray replica does not go unnoticed. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (terminated) {
            return;
        }
        try {
            client.close();
        } finally {
            String output = serverCommand("stop", 60);
            if (output != null) {
                throw new IllegalStateException("server stop " + name + " failed:\n" + output);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}

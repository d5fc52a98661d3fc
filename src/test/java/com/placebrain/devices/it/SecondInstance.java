package com.placebrain.devices.it;

import com.placebrain.devices.grpc.v1.AuthenticateDeviceRequest;
import com.placebrain.devices.grpc.v1.DevicesServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second Liberty server running the same application against the same PostgreSQL, Redis, Kafka
 * and MQTT broker: a replica of the server under test, for what replicas must agree on. It is a
 * copy of the server Arquillian manages (same server.xml, JVM options and libraries) with the
 * built war in its dropins, on ports of its own, and joins the same consumer group as a real
 * replica would.
 */
public final class SecondInstance implements AutoCloseable {

    private static final int GRPC_PORT = Integer.getInteger("it.second.grpc.port", 50065);
    private static final int HTTP_PORT = Integer.getInteger("it.second.http.port", 9087);
    private static final String NAME = "devices-it-2";
    private static final Path WLP = Path.of("target/liberty/wlp");
    private static final long START_TIMEOUT_SECONDS = 180;

    private final Path serverDir;
    private final ManagedChannel channel;

    private SecondInstance(Path serverDir, ManagedChannel channel) {
        this.serverDir = serverDir;
        this.channel = channel;
    }

    public static SecondInstance start() throws IOException, InterruptedException {
        Path first = WLP.resolve("usr/servers/devices-it");
        Path dir = WLP.resolve("usr/servers/" + NAME);
        if (Files.exists(dir)) {
            // One left running by an interrupted run would answer in place of the new one.
            serverCommand("stop", 60);
        }
        deleteTree(dir);
        for (String entry : List.of("server.xml", "jvm.options", "server.env", "jdbc", "lib")) {
            copyTree(first.resolve(entry), dir.resolve(entry));
        }
        Files.createDirectories(dir.resolve("dropins"));
        Files.copy(Path.of(System.getProperty("it.war", "target/devices.war")), dir.resolve("dropins/devices.war"));

        ManagedChannel channel = TestEnvironment.grpcChannelBuilder(GRPC_PORT).build();
        SecondInstance instance = new SecondInstance(dir, channel);
        try {
            String output = serverCommand("start", START_TIMEOUT_SECONDS);
            if (output != null) {
                throw new IllegalStateException("server start " + NAME + " failed:\n" + output);
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
     * Runs {@code bin/server <action> devices-it-2} with this instance's ports; returns null when
     * it succeeded in time, else what it printed. Its output goes to a file, so a hung script
     * cannot block the wait.
     */
    private static String serverCommand(String action, long timeoutSeconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile(NAME + "-" + action, ".log");
        try {
            ProcessBuilder command = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, NAME)
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            command.environment().put("JAVA_HOME", System.getProperty("java.home"));
            command.environment().put("DEVICES_GRPC_PORT", Integer.toString(GRPC_PORT));
            command.environment().put("DEVICES_HTTP_PORT", Integer.toString(HTTP_PORT));
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

    public DevicesServiceGrpc.DevicesServiceBlockingStub rpc() {
        return DevicesServiceGrpc.newBlockingStub(channel).withDeadlineAfter(15, TimeUnit.SECONDS);
    }

    public Path log() {
        return serverDir.resolve("logs/messages.log");
    }

    /** The server is up before its application: wait until the devices service answers. */
    private void awaitApplication() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        AuthenticateDeviceRequest probe = AuthenticateDeviceRequest.newBuilder().setUsername("probe").build();
        while (true) {
            try {
                rpc().authenticateDevice(probe);
                return;
            } catch (StatusRuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(NAME + " did not serve the devices service in time; see " + log(), notYet);
                }
                Thread.sleep(500);
            }
        }
    }

    /** Stops the server; a failure to stop is reported, so a stray replica does not go unnoticed. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            TestEnvironment.close(channel);
        } finally {
            String output = serverCommand("stop", 60);
            if (output != null) {
                throw new IllegalStateException("server stop " + NAME + " failed:\n" + output);
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

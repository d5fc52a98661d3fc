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

    public static final int GRPC_PORT = Integer.getInteger("it.second.grpc.port", 50065);
    public static final int HTTP_PORT = Integer.getInteger("it.second.http.port", 9087);
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
        deleteTree(dir);
        for (String entry : List.of("server.xml", "jvm.options", "server.env", "jdbc", "lib")) {
            copyTree(first.resolve(entry), dir.resolve(entry));
        }
        Files.createDirectories(dir.resolve("dropins"));
        Files.copy(Path.of(System.getProperty("it.war", "target/devices.war")), dir.resolve("dropins/devices.war"));

        ProcessBuilder start = new ProcessBuilder(WLP.resolve("bin/server").toString(), "start", NAME)
                .redirectErrorStream(true);
        start.environment().put("JAVA_HOME", System.getProperty("java.home"));
        start.environment().put("DEVICES_GRPC_PORT", Integer.toString(GRPC_PORT));
        start.environment().put("DEVICES_HTTP_PORT", Integer.toString(HTTP_PORT));
        Process process = start.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("server start " + NAME + " failed:\n" + output);
        }
        ManagedChannel channel = TestEnvironment.grpcChannelBuilder(GRPC_PORT).build();
        SecondInstance instance = new SecondInstance(dir, channel);
        try {
            instance.awaitApplication();
        } catch (RuntimeException | InterruptedException e) {
            instance.close();
            throw e;
        }
        return instance;
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

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            TestEnvironment.close(channel);
        } finally {
            ProcessBuilder stop = new ProcessBuilder(WLP.resolve("bin/server").toString(), "stop", NAME)
                    .redirectErrorStream(true);
            stop.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = stop.start();
            process.getInputStream().readAllBytes();
            process.waitFor(60, TimeUnit.SECONDS);
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

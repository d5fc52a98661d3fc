package com.placebrain.devices.it.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** What the server under test wrote to its messages.log from a point on. */
public final class ServerLog {

    public static final Path MESSAGES = Path.of("target/liberty/wlp/usr/servers/devices-it/logs/messages.log");

    private final long start;

    private ServerLog(long start) {
        this.start = start;
    }

    /** Marks the end of the log as it is now. */
    public static ServerLog mark() throws IOException {
        return new ServerLog(Files.size(MESSAGES));
    }

    /** The lines written since the mark. */
    public List<String> lines() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(MESSAGES.toFile(), "r")) {
            long length = file.length();
            byte[] bytes = new byte[(int) Math.max(0, length - start)];
            file.seek(Math.min(start, length));
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The lines since the mark that match, once at least {@code expected} of them are there (up to 5 s). */
    public List<String> await(Predicate<String> matching, int expected) {
        return Await.upTo(Duration.ofSeconds(5), Duration.ofMillis(50),
                () -> lines().stream().filter(matching).toList(), found -> found.size() >= expected);
    }

    /** Lines since the mark that belong to a stack trace. */
    public List<String> stackTraceLines() throws IOException {
        return lines().stream().filter(l -> l.matches("\\s+at \\S+\\(.*\\)") || l.startsWith("Caused by:")
                || l.matches("\\s+\\.\\.\\. \\d+ more")).toList();
    }
}

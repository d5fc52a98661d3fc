package com.placebrain.devices.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    public List<String> await(Predicate<String> matching, int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> found = lines().stream().filter(matching).toList();
        while (found.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            found = lines().stream().filter(matching).toList();
        }
        return found;
    }

    /** Lines since the mark that belong to a stack trace. */
    public List<String> stackTraceLines() throws IOException {
        return lines().stream().filter(l -> l.matches("\\s+at \\S+\\(.*\\)") || l.startsWith("Caused by:")
                || l.matches("\\s+\\.\\.\\. \\d+ more")).toList();
    }
}

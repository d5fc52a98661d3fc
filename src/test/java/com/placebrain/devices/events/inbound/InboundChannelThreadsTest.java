package com.placebrain.devices.events.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

/**
 * server.xml sizes Liberty's default executor ({@code devices.executor.threads}) as 8 threads for
 * the HTTP work plus one per consumed channel, which Liberty's Kafka connector holds for good: a
 * new {@code @Incoming} method must raise it, or the HTTP work is left fewer threads (with 6
 * channels and Liberty's own size on 2 CPUs: none).
 */
class InboundChannelThreadsTest {

    private static final Path SERVER_XML = Path.of("src/main/liberty/config/server.xml");
    private static final Path CLASSES = Path.of("target/classes");
    private static final int HTTP_THREADS = 8;

    @Test
    void serverXmlCountsOneExecutorThreadPerConsumedChannel() throws Exception {
        String serverXml = Files.readString(SERVER_XML);
        Matcher threads = Pattern.compile("<variable name=\"devices\\.executor\\.threads\" defaultValue=\"(\\d+)\"/>")
                .matcher(serverXml);
        assertTrue(threads.find(), "server.xml sets devices.executor.threads");
        assertTrue(serverXml.contains("<executor coreThreads=\"${devices.executor.threads}\"/>"),
                "server.xml's executor takes devices.executor.threads");
        List<String> incoming = incomingMethods();
        assertEquals(HTTP_THREADS + incoming.size(), Integer.parseInt(threads.group(1)),
                HTTP_THREADS + " for HTTP plus one per @Incoming method: " + incoming);
    }

    private static List<String> incomingMethods() throws Exception {
        List<String> found = new ArrayList<>();
        ClassLoader loader = InboundChannelThreadsTest.class.getClassLoader();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                for (Method method : Class.forName(name, false, loader).getDeclaredMethods()) {
                    Incoming channel = method.getAnnotation(Incoming.class);
                    if (channel != null) {
                        found.add(channel.value());
                    }
                }
            }
        }
        return found;
    }
}

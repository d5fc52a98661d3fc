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
 * server.xml sizes Liberty's default executor as the HTTP threads plus one thread per consumed
 * channel, which Liberty's Kafka connector holds for good; its {@code devices.kafka.channels} must
 * be the number of {@code @Incoming} methods, or the HTTP work is left fewer threads than it is
 * given (with 6 channels and Liberty's own size on 2 CPUs: none).
 */
class InboundChannelThreadsTest {

    private static final Path SERVER_XML = Path.of("src/main/liberty/config/server.xml");
    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void serverXmlCountsOneExecutorThreadPerConsumedChannel() throws Exception {
        String serverXml = Files.readString(SERVER_XML);
        Matcher channels = Pattern.compile("<variable name=\"devices\\.kafka\\.channels\" value=\"(\\d+)\"/>")
                .matcher(serverXml);
        assertTrue(channels.find(), "server.xml sets devices.kafka.channels");
        assertTrue(serverXml.contains("<executor coreThreads=\"${devices.http.threads+devices.kafka.channels}\"/>"),
                "server.xml's executor counts the channels' threads");
        List<String> incoming = incomingMethods();
        assertEquals(incoming.size(), Integer.parseInt(channels.group(1)), "@Incoming methods: " + incoming);
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

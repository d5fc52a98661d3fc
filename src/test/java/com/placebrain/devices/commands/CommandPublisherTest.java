package com.placebrain.devices.commands;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.errors.ServiceException;
import com.placebrain.devices.platform.mqtt.MqttTopics;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Publishes commands through a real Paho v5 client to the real Mosquitto at 127.0.0.1:1883 and
 * receives them as a device would, with a second Paho v5 client subscribed to the command topic.
 */
class CommandPublisherTest {

    private static final String BROKER = "tcp://127.0.0.1:1883";

    private final UUID place = UUID.randomUUID();
    private final UUID device = UUID.randomUUID();
    private final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
    private MqttAsyncClient service;
    private MqttAsyncClient deviceClient;

    @BeforeEach
    void connect() throws MqttException {
        service = connected("test-service-" + UUID.randomUUID(), null);
        deviceClient = connected("test-device-" + UUID.randomUUID(), new Receiver(received));
        deviceClient.subscribe(MqttTopics.device(place, device, MqttTopics.Channel.COMMAND), 1).waitForCompletion(5_000);
    }

    @AfterEach
    void disconnect() throws MqttException {
        for (MqttAsyncClient client : new MqttAsyncClient[] {service, deviceClient}) {
            if (client != null) {
                if (client.isConnected()) {
                    client.disconnect().waitForCompletion(2_000);
                }
                client.close();
            }
        }
    }

    private static MqttAsyncClient connected(String clientId, MqttCallback callback) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(BROKER, clientId, new MemoryPersistence());
        if (callback != null) {
            client.setCallback(callback);
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        client.connect(options).waitForCompletion(5_000);
        return client;
    }

    @Test
    void aCommandReachesTheDeviceWithIdExpiryAndPayload() throws Exception {
        UUID commandId = new CommandPublisher(service, 60, 5_000).publish(place, device, "valve", "42.5");

        MqttMessage message = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(message, "the subscribed device received the command");
        JsonObject payload = Json.createReader(new StringReader(new String(message.getPayload(), StandardCharsets.UTF_8)))
                .readObject();
        MqttProperties properties = message.getProperties();
        assertAll(
                () -> assertEquals(Json.createObjectBuilder().add("actuator_key", "valve").add("value", "42.5").build(), payload),
                () -> assertEquals(1, message.getQos()),
                () -> assertEquals(7, commandId.version(), "UUIDv7"),
                () -> assertArrayEquals(commandId.toString().getBytes(StandardCharsets.UTF_8), properties.getCorrelationData()),
                () -> assertEquals(List.of(new UserProperty(CommandPublisher.COMMAND_ID_PROPERTY, commandId.toString())),
                        properties.getUserProperties()),
                () -> assertNotNull(properties.getMessageExpiryInterval(), "message expiry interval"),
                () -> assertTrue(properties.getMessageExpiryInterval() > 50 && properties.getMessageExpiryInterval() <= 60,
                        "expiry forwarded, at most the 60 s set: " + properties.getMessageExpiryInterval()),
                () -> assertEquals("application/json", properties.getContentType()),
                () -> assertTrue(properties.getPayloadFormat(), "UTF-8 payload"));
    }

    @Test
    void everyCommandGetsItsOwnId() throws Exception {
        CommandPublisher publisher = new CommandPublisher(service, 60, 5_000);
        UUID first = publisher.publish(place, device, "scene", "day");
        UUID second = publisher.publish(place, device, "scene", "day");

        assertNotEquals(first, second);
        assertEquals(first.toString(), new String(received.poll(5, TimeUnit.SECONDS).getProperties().getCorrelationData(),
                StandardCharsets.UTF_8));
        assertEquals(second.toString(), new String(received.poll(5, TimeUnit.SECONDS).getProperties().getCorrelationData(),
                StandardCharsets.UTF_8));
    }

    @Test
    void keysAndValuesAreJsonEscaped() {
        String payload = new String(CommandPublisher.payload("k", "say \"hi\"\\\n\u0001é"), StandardCharsets.UTF_8);
        JsonObject parsed = Json.createReader(new StringReader(payload)).readObject();
        assertEquals("say \"hi\"\\\n\u0001é", parsed.getString("value"));
        assertEquals("k", parsed.getString("actuator_key"));
    }

    @Test
    void nothingIsReportedSentWithoutAConnectedBroker() throws Exception {
        MqttAsyncClient neverConnected = new MqttAsyncClient("tcp://127.0.0.1:1", "test-offline-" + UUID.randomUUID(),
                new MemoryPersistence());
        try {
            assertUnavailable(() -> new CommandPublisher(neverConnected, 60, 1_000).publish(place, device, "valve", "5"));
            assertUnavailable(() -> new CommandPublisher(null, 60, 1_000).publish(place, device, "valve", "5"));
        } finally {
            neverConnected.close();
        }

        service.disconnect().waitForCompletion(2_000);
        assertUnavailable(() -> new CommandPublisher(service, 60, 1_000).publish(place, device, "valve", "5"));
        assertNull(received.poll(500, TimeUnit.MILLISECONDS), "nothing was delivered");
    }

    private static void assertUnavailable(Executable publish) {
        ServiceException e = assertThrows(ServiceException.class, publish);
        assertEquals(ServiceException.Kind.UNAVAILABLE, e.kind());
    }

    /** The device side: queues what arrives. */
    private record Receiver(BlockingQueue<MqttMessage> queue) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            queue.add(message);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}

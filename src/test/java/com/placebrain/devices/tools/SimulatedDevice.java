package com.placebrain.devices.tools;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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

/**
 * A device as the platform sees it on MQTT v5: logs in as {@code device:{id}} with its token,
 * subscribes to its command topic and announces {@code online} on every (re)connect (with
 * {@code offline} as its will), publishes telemetry, and keeps the commands it receives.
 * {@link DeviceSimulator} runs one on the command line; tests drive one directly.
 */
public final class SimulatedDevice implements AutoCloseable {

    /** A command as it reached the device, with the MQTT v5 properties the service set. */
    public record Command(String payload, String commandId, byte[] correlationData, Long expirySeconds) {
    }

    private final String base;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final Consumer<String> log;
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();

    public SimulatedDevice(String brokerUrl, UUID deviceId, UUID placeId, String token, Consumer<String> log)
            throws MqttException {
        this.base = "placebrain/" + placeId + "/devices/" + deviceId + "/";
        this.log = log;
        this.client = new MqttAsyncClient(brokerUrl, "sim-" + deviceId, new MemoryPersistence());
        this.client.setCallback(new Callback());
        this.options = new MqttConnectionOptions();
        options.setUserName("device:" + deviceId);
        options.setPassword(token.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setConnectionTimeout(10);
        options.setWill(base + "status", new MqttMessage(status("offline"), 1, false, new MqttProperties()));
    }

    public void connect() throws MqttException {
        client.connect(options).waitForCompletion(15_000);
    }

    public boolean isOnline() {
        return client.isConnected();
    }

    /** Publishes one reading per key (QoS 1) and returns the message sent. */
    public String publishTelemetry(Map<String, Double> values) throws MqttException {
        String readings = values.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + String.format(Locale.ROOT, "%.2f", e.getValue()))
                .collect(Collectors.joining(","));
        String telemetry = "{\"ts\":\"" + Instant.now() + "\",\"values\":{" + readings + "}}";
        client.publish(base + "telemetry", new MqttMessage(telemetry.getBytes(StandardCharsets.UTF_8), 1, false,
                new MqttProperties())).waitForCompletion(10_000);
        return telemetry;
    }

    /** Random values around 21 for these keys. */
    public static Map<String, Double> randomValues(List<String> keys) {
        return keys.stream().collect(Collectors.toMap(k -> k, k -> 21 + ThreadLocalRandom.current().nextGaussian()));
    }

    /** The commands received so far, in arrival order; take from it to wait for the next. */
    public BlockingQueue<Command> commands() {
        return commands;
    }

    /** Says {@code offline} and disconnects. */
    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.publish(base + "status", new MqttMessage(status("offline"), 1, false, new MqttProperties()))
                        .waitForCompletion(2_000);
                client.disconnect().waitForCompletion(2_000);
            }
        } finally {
            client.close(true);
        }
    }

    private static byte[] status(String status) {
        return ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private final class Callback implements MqttCallback {

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            try {
                // Not waited for here (Paho's callback thread); the broker takes a connection's
                // packets in order, so the subscription exists before "online" is seen.
                client.subscribe(base + "command", 1);
                client.publish(base + "status", new MqttMessage(status("online"), 1, false, new MqttProperties()));
                log.accept((reconnect ? "reconnected to " : "connected to ") + serverURI + ", listening on " + base + "command");
            } catch (MqttException e) {
                log.accept("subscribe/announce failed: " + e.getMessage());
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttProperties properties = message.getProperties();
            String commandId = properties.getUserProperties().stream()
                    .filter(p -> p.getKey().equals("command_id")).map(UserProperty::getValue).findFirst().orElse(null);
            Command command = new Command(new String(message.getPayload(), StandardCharsets.UTF_8), commandId,
                    properties.getCorrelationData(), properties.getMessageExpiryInterval());
            commands.add(command);
            log.accept("command " + commandId + " (expires in " + command.expirySeconds() + " s): " + command.payload());
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.accept("disconnected: " + response.getReasonString() + " (" + response.getReturnCode() + ")");
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.accept("MQTT error: " + exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}

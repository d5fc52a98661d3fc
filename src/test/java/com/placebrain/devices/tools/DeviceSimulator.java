package com.placebrain.devices.tools;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
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
 * A device on the command line, for trying the platform by hand (not part of the WAR): logs in as
 * {@code device:{id}} with its token over MQTT v5, publishes {@code online} (and leaves
 * {@code offline} as its will), sends telemetry periodically, and prints every command it
 * receives with its command id and expiry.
 *
 * <pre>
 * java -cp target/test-classes:$(cat cp.txt) com.placebrain.devices.tools.DeviceSimulator \
 *     tcp://127.0.0.1:1883 DEVICE_ID PLACE_ID TOKEN [interval-seconds] [sensor-key ...]
 * </pre>
 * (cp.txt from {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt}). Sensor keys
 * default to {@code temperature}; values are random around 21.
 */
public final class DeviceSimulator {

    private DeviceSimulator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: DeviceSimulator BROKER_URL DEVICE_ID PLACE_ID TOKEN [interval-seconds] [sensor-key ...]");
            System.exit(2);
        }
        String broker = args[0];
        UUID device = UUID.fromString(args[1]);
        UUID place = UUID.fromString(args[2]);
        String token = args[3];
        long intervalSeconds = args.length > 4 ? Long.parseLong(args[4]) : 5;
        String[] sensors = args.length > 5 ? java.util.Arrays.copyOfRange(args, 5, args.length) : new String[] {"temperature"};

        String base = "placebrain/" + place + "/devices/" + device + "/";
        MqttAsyncClient client = new MqttAsyncClient(broker, "sim-" + device, new MemoryPersistence());
        client.setCallback(new Printer(client, base + "status"));

        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("device:" + device);
        options.setPassword(token.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setConnectionTimeout(10);
        options.setWill(base + "status", new MqttMessage(status("offline"), 1, false, new MqttProperties()));
        client.connect(options).waitForCompletion(15_000);

        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                client.publish(base + "status", new MqttMessage(status("offline"), 1, false, new MqttProperties()))
                        .waitForCompletion(2_000);
                client.disconnect().waitForCompletion(2_000);
            } catch (MqttException e) {
                System.err.println("disconnect: " + e.getMessage());
            }
            stop.countDown();
        }));

        while (stop.getCount() > 0) {
            if (client.isConnected()) {
                String telemetry = telemetry(sensors);
                client.publish(base + "telemetry", new MqttMessage(telemetry.getBytes(StandardCharsets.UTF_8), 1, false,
                        new MqttProperties()));
                System.out.println("telemetry " + telemetry);
            }
            Thread.sleep(intervalSeconds * 1000);
        }
    }

    private static byte[] status(String status) {
        return ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String telemetry(String[] sensors) {
        StringBuilder values = new StringBuilder();
        for (String sensor : sensors) {
            if (!values.isEmpty()) {
                values.append(',');
            }
            double value = 21 + ThreadLocalRandom.current().nextGaussian();
            values.append('"').append(sensor).append("\":").append(String.format(Locale.ROOT, "%.2f", value));
        }
        return "{\"ts\":\"" + Instant.now() + "\",\"values\":{" + values + "}}";
    }

    /** Subscribes to commands on every (re)connect, announces online, prints what arrives. */
    private record Printer(MqttAsyncClient client, String statusTopic) implements MqttCallback {

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            String commands = statusTopic.substring(0, statusTopic.length() - "status".length()) + "command";
            try {
                client.subscribe(commands, 1);
                client.publish(statusTopic, new MqttMessage(status("online"), 1, false, new MqttProperties()));
                System.out.println((reconnect ? "reconnected to " : "connected to ") + serverURI + ", listening on " + commands);
            } catch (MqttException e) {
                System.err.println("subscribe/announce failed: " + e.getMessage());
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttProperties properties = message.getProperties();
            String commandId = properties.getUserProperties().stream()
                    .filter(p -> p.getKey().equals("command_id")).map(UserProperty::getValue).findFirst().orElse("?");
            System.out.println("command " + commandId + " (expires in " + properties.getMessageExpiryInterval() + " s): "
                    + new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            System.out.println("disconnected: " + response.getReasonString() + " (" + response.getReturnCode() + ")");
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            System.err.println("MQTT error: " + exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}

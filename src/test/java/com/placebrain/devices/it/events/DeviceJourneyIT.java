package com.placebrain.devices.it.events;

import static com.placebrain.devices.it.events.EventsKit.TELEMETRY_READINGS;
import static com.placebrain.devices.it.events.EventsKit.TELEMETRY_STATUS;
import static com.placebrain.devices.it.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.AuthenticateDeviceRequest;
import com.placebrain.devices.grpc.v1.CheckDeviceAclRequest;
import com.placebrain.devices.grpc.v1.CreateActuatorRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceRequest;
import com.placebrain.devices.grpc.v1.CreateDeviceResponse;
import com.placebrain.devices.grpc.v1.DeviceInfo;
import com.placebrain.devices.grpc.v1.DeviceReading;
import com.placebrain.devices.grpc.v1.DeviceStatus;
import com.placebrain.devices.grpc.v1.GetDeviceRequest;
import com.placebrain.devices.grpc.v1.GetLatestDeviceReadingsRequest;
import com.placebrain.devices.grpc.v1.SendCommandRequest;
import com.placebrain.devices.grpc.v1.ValueType;
import com.placebrain.devices.it.support.Ids;
import com.placebrain.devices.it.support.RoleFixture;
import com.placebrain.devices.tools.SimulatedDevice;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One device's life through the platform: a {@link SimulatedDevice} on the real Mosquitto, and in
 * EMQX's place (it cannot run here) a bridge that forwards the device's status and telemetry to
 * Kafka in the shapes of EMQX's Kafka bridge (CONTRACT §2), status payloads as JSON strings.
 */
class DeviceJourneyIT extends EventsScenario {

    private static final String BROKER = System.getProperty("it.mqtt.url", "tcp://127.0.0.1:1883");

    @BeforeAll
    static void awaitConsumers() {
        kit.awaitConsumersJoined();
    }

    @Test
    void aSimulatedDeviceLogsInGoesOnlineReportsReadingsReceivesACommandAndGoesOffline() throws Exception {
        RoleFixture.OwnedPlace owned = roles.newOwnedPlace();
        String place = owned.place();
        String owner = owned.owner();
        CreateDeviceResponse created = client.rpc().createDevice(CreateDeviceRequest.newBuilder()
                .setUserId(owner).setPlaceId(place).setName("Radiator valve").build());
        String device = created.getDeviceId();
        fixture.numberSensor(owner, place, device, "temperature");
        client.rpc().createActuator(CreateActuatorRequest.newBuilder().setUserId(owner).setPlaceId(place).setDeviceId(device)
                .setKey("valve").setName("Valve").setValueType(ValueType.VALUE_TYPE_NUMBER)
                .setMinValue(0).setMaxValue(100).setStep(5).build());

        // What EMQX would ask before letting the device in and letting it publish and subscribe.
        String username = "device:" + device;
        String topics = "placebrain/" + place + "/devices/" + device + "/";
        assertTrue(client.rpc().authenticateDevice(AuthenticateDeviceRequest.newBuilder()
                .setUsername(username).setPassword(created.getToken()).build()).getAllow(), "login with its token");
        assertTrue(allowed(username, topics + "status", "publish"));
        assertTrue(allowed(username, topics + "telemetry", "publish"));
        assertTrue(allowed(username, topics + "command", "subscribe"));
        assertFalse(allowed(username, topics + "command", "publish"));

        try (KafkaBridge bridge = new KafkaBridge(place)) {
            try (SimulatedDevice sim = new SimulatedDevice(BROKER, UUID.fromString(device), UUID.fromString(place),
                    created.getToken(), line -> { })) {
                sim.connect();
                DeviceInfo online = await("the device's online announcement reaches GetDevice",
                        () -> getDevice(owner, place, device), d -> d.getStatus() == DeviceStatus.DEVICE_STATUS_ONLINE);
                assertFalse(online.getLastSeenAt().isEmpty(), "last_seen_at set when online");

                sim.publishTelemetry(Map.of("temperature", 22.5));
                List<DeviceReading> readings = await("the reading reaches GetLatestDeviceReadings",
                        () -> client.rpc().getLatestDeviceReadings(GetLatestDeviceReadingsRequest.newBuilder()
                                .setUserId(owner).setPlaceId(place).setDeviceId(device).build()).getReadingsList(),
                        r -> !r.isEmpty());
                assertEquals(1, readings.size(), readings.toString());
                assertEquals("temperature", readings.get(0).getKey());
                assertEquals(22.5, readings.get(0).getValue());

                assertTrue(client.rpc().sendCommand(SendCommandRequest.newBuilder().setUserId(owner).setPlaceId(place)
                        .setDeviceId(device).setActuatorKey("valve").setValue("35").build()).getSuccess());
                SimulatedDevice.Command command = sim.commands().poll(10, TimeUnit.SECONDS);
                assertNotNull(command, "the command reached the device");
                assertEquals(Json.createObjectBuilder().add("actuator_key", "valve").add("value", "35").build(),
                        EventsKit.json(command.payload()));
                assertEquals(60L, command.expirySeconds());
                assertNotNull(command.commandId());
                assertArrayEquals(command.commandId().getBytes(StandardCharsets.UTF_8), command.correlationData());
            }
            await("the device's offline announcement reaches GetDevice", () -> getDevice(owner, place, device),
                    d -> d.getStatus() == DeviceStatus.DEVICE_STATUS_OFFLINE);
        }
    }

    private static boolean allowed(String username, String topic, String action) {
        return client.rpc().checkDeviceAcl(CheckDeviceAclRequest.newBuilder()
                .setUsername(username).setTopic(topic).setAction(action).build()).getAllow();
    }

    private static DeviceInfo getDevice(String user, String place, String device) {
        return client.rpc().getDevice(GetDeviceRequest.newBuilder().setUserId(user).setPlaceId(place).setDeviceId(device)
                .build()).getDevice();
    }

    /** Forwards one place's device status and telemetry from MQTT to Kafka, as EMQX's bridge does. */
    private static final class KafkaBridge implements AutoCloseable {

        private final MqttClient client;

        KafkaBridge(String place) throws MqttException {
            client = new MqttClient(BROKER, "it-bridge-" + Ids.newId(), new MemoryPersistence());
            client.connect(new MqttConnectionOptions());
            IMqttMessageListener forward = KafkaBridge::forward;
            // The (String, int, listener) overload recurses forever in Paho 1.2.5.
            client.subscribe(new MqttSubscription[] {
                    new MqttSubscription("placebrain/" + place + "/devices/+/status", 1),
                    new MqttSubscription("placebrain/" + place + "/devices/+/telemetry", 1)},
                    new IMqttMessageListener[] {forward, forward});
        }

        private static void forward(String topic, MqttMessage message) {
            String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
            String[] levels = topic.split("/");
            if (topic.endsWith("/status")) {
                kit.send(TELEMETRY_STATUS, topic,
                        Json.createObjectBuilder().add("topic", topic).add("payload", payload).build().toString());
            } else {
                kit.send(TELEMETRY_READINGS, levels[3], Json.createObjectBuilder().add("place_id", levels[1])
                        .add("device_id", levels[3]).add("payload", payload).build().toString());
            }
        }

        @Override
        public void close() throws MqttException {
            try {
                client.disconnect();
            } finally {
                client.close();
            }
        }
    }
}

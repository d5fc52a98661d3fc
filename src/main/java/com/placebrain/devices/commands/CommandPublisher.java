package com.placebrain.devices.commands;

import static com.placebrain.devices.platform.errors.ServiceException.unavailable;

import com.placebrain.devices.platform.mqtt.MqttTopics;
import com.placebrain.devices.platform.persistence.Ids;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Hands one command to the broker over an MQTT v5 session: QoS 1, not retained, a message expiry
 * so a device that comes back late does not act on stale orders, and a fresh command id (UUIDv7)
 * as correlation data and as user property {@code command_id}, for the device to report on and
 * to drop duplicates by. Success means the broker acknowledged it (PUBACK); anything else is
 * UNAVAILABLE.
 *
 * <p>After a timeout the message may still be in the client's in-flight window and reach the
 * broker later; the caller was told UNAVAILABLE, and the expiry bounds how late it can arrive.
 */
public final class CommandPublisher {

    public static final String COMMAND_ID_PROPERTY = "command_id";
    static final int QOS = 1;

    private final MqttAsyncClient client;
    private final long expirySeconds;
    private final long timeoutMillis;

    /** Both positive, as CommandSettings has them: an expiry of 0 would mean "never expires". */
    public CommandPublisher(MqttAsyncClient client, int expirySeconds, int timeoutMillis) {
        this.client = client;
        this.expirySeconds = expirySeconds;
        this.timeoutMillis = timeoutMillis;
    }

    /** {@code {"actuator_key":"…","value":"…"}} (CONTRACT §3), escaped by JSON-P. */
    static byte[] payload(String actuatorKey, String value) {
        return Json.createObjectBuilder()
                .add("actuator_key", actuatorKey)
                .add("value", value)
                .build()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the command id once the broker has acknowledged the command. */
    public UUID publish(UUID placeId, UUID deviceId, String actuatorKey, String value) {
        if (client == null || !client.isConnected()) {
            throw unavailable("MQTT broker not connected; command not sent");
        }
        UUID commandId = Ids.newId();
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(expirySeconds);
        properties.setCorrelationData(commandId.toString().getBytes(StandardCharsets.UTF_8));
        properties.setUserProperties(List.of(new UserProperty(COMMAND_ID_PROPERTY, commandId.toString())));
        properties.setPayloadFormat(true);
        properties.setContentType("application/json");
        MqttMessage message = new MqttMessage(payload(actuatorKey, value), QOS, false, properties);
        IMqttToken token;
        try {
            token = client.publish(MqttTopics.device(placeId, deviceId, MqttTopics.Channel.COMMAND), message);
            token.waitForCompletion(timeoutMillis);
        } catch (MqttException e) {
            throw unavailable("MQTT broker did not take the command (" + e.getReasonCode() + ")");
        }
        if (!token.isComplete() || token.getException() != null) {
            throw unavailable("MQTT broker did not acknowledge the command within " + timeoutMillis + " ms");
        }
        int[] reasons = token.getReasonCodes();
        if (reasons != null) {
            for (int reason : reasons) {
                if (reason >= 0x80) {
                    throw unavailable("MQTT broker refused the command (reason code " + reason + ")");
                }
            }
        }
        return commandId;
    }
}

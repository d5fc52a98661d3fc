package com.placebrain.devices.commands;

import static com.placebrain.devices.platform.errors.ServiceException.invalid;

import com.placebrain.devices.commands.CommandPreparation.PreparedCommand;
import com.placebrain.devices.devices.DeviceAddress;
import com.placebrain.devices.platform.errors.ServiceException;
import com.placebrain.devices.platform.mqtt.MqttConnection;
import com.placebrain.devices.platform.validation.Fields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.logging.Logger;

/** SendCommand (RPC 19): checks, then publishes to the device's command topic and waits for PUBACK. */
@ApplicationScoped
public class CommandService {

    private static final Logger LOG = Logger.getLogger(CommandService.class.getName());

    @Inject
    CommandPreparation preparation;

    @Inject
    MqttConnection mqtt;

    @Inject
    CommandSettings settings;

    @Inject
    CommandMetrics metrics;

    /**
     * Returns the command id once the broker has acknowledged the command. INVALID_ARGUMENT for
     * malformed ids or a bad value, PERMISSION_DENIED below admin, NOT_FOUND for a device or
     * actuator not there, UNAVAILABLE when the broker did not take it (then nothing was sent,
     * or at most late, see {@link CommandPublisher}).
     */
    public UUID send(String userId, String placeId, String deviceId, String actuatorKey, String value) {
        PreparedCommand command;
        try {
            DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
            command = preparation.prepare(at, actuatorKey(actuatorKey), value);
        } catch (ServiceException refused) {
            if (refused.kind() != ServiceException.Kind.UNAVAILABLE) {
                metrics.refused();
            }
            throw refused;
        }
        UUID commandId;
        try {
            commandId = new CommandPublisher(mqtt.client(), settings.expirySeconds(), settings.publishTimeoutMillis())
                    .publish(command.placeId(), command.deviceId(), command.actuatorKey(), command.value());
        } catch (ServiceException brokerUnavailable) {
            metrics.brokerUnavailable();
            throw brokerUnavailable;
        }
        metrics.published();
        LOG.info(() -> "Command " + commandId + " for actuator " + command.actuatorKey() + " of device " + command.deviceId()
                + " handed to the broker");
        return commandId;
    }

    /**
     * Only presence and length: the character rule of new keys (Fields.key) is not applied, so
     * actuators the Python service created with control characters in their key can still be
     * commanded.
     */
    private static String actuatorKey(String key) {
        if (key == null || key.isEmpty()) {
            throw invalid("actuator_key", "is required");
        }
        return Fields.length("actuator_key", key, Fields.KEY_MAX);
    }
}

/**
 * MQTT plumbing shared by capabilities: the service's one broker session
 * ({@link com.placebrain.devices.platform.mqtt.MqttConnection}) and when it reconnects, and the
 * platform's topic layout ({@link com.placebrain.devices.platform.mqtt.MqttTopics}), which commands
 * publish to, the telemetry consumer reads ids from and MQTT access grants rights on.
 */
package com.placebrain.devices.platform.mqtt;

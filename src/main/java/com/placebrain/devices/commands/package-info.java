/**
 * SendCommand (RPC 19): where a command is validated ({@code CommandValue} against the actuator,
 * {@code CommandPreparation} in the database) and published to the device over MQTT
 * ({@code CommandPublisher}), in that order, by {@code CommandService}.
 */
package com.placebrain.devices.commands;

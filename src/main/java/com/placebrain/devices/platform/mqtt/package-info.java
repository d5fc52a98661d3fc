/**
 * The service's MQTT v5 session (Eclipse Paho) and how it reconnects.
 */
package com.placebrain.devices.platform.mqtt;

/**
 * Who may connect to the MQTT broker and what they may publish or subscribe to (CONTRACT §3, §6):
 * logins of devices, users, the collector and the service ({@code MqttAuthService}), topic
 * permissions from one model ({@code Grants}, feeding both {@code TopicAcl} and the rule list EMQX
 * gets at login), users' short-lived credentials, and the caches and budgets that keep a reconnect
 * storm or a guesser cheap. Requests enter through the EMQX hooks ({@code EmqxHooksResource},
 * {@code POST /mqtt/auth}, {@code /mqtt/acl}) and the gRPC RPCs 20-22 and 25.
 */
package com.placebrain.devices.mqttaccess;

/**
 * MQTT access control (CONTRACT §3, §6): who a username is, logins of devices, users, the collector
 * and the service, topic ACLs and the rule lists handed to EMQX, users' short-lived credentials,
 * live broker sessions, and the EMQX HTTP hooks. Device logins are remembered in Redis and, briefly,
 * in each replica ({@code RecentDeviceChecks}), whose copies revocations reach through Redis pub/sub
 * ({@code DeviceRevocationSubscriber}, started by the start-up sequence). Reads devices (registry,
 * tokens) and roles; no other capability depends on its rules, only on its services. Its settings are
 * {@link com.placebrain.devices.mqttaccess.MqttAccessSettings}; its beans take everything through
 * their constructors (the hooks' servlet, which the web container makes, through fields).
 */
package com.placebrain.devices.mqttaccess;

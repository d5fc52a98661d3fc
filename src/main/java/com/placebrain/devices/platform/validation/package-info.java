/**
 * Checks of what requests carry: single fields ({@link com.placebrain.devices.platform.validation.Fields}),
 * every string of a request ({@link com.placebrain.devices.platform.validation.RequestText}), and the
 * one rule for reading an id from text, in requests, events, MQTT names and topics
 * ({@link com.placebrain.devices.platform.validation.CanonicalUuid}).
 */
package com.placebrain.devices.platform.validation;

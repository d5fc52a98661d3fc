/**
 * What a deleted place means for this service ({@code places.place.deleted}): its roles, devices
 * and members' MQTT credentials go. Entered from {@code events.inbound.PlacesEventsConsumer}.
 */
package com.placebrain.devices.places;

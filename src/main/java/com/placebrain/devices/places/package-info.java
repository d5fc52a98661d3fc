/**
 * What the places service's events mean here (CONTRACT §2): a member joining, changing role or
 * leaving ({@link com.placebrain.devices.places.MembershipChanges}), a place deleted
 * ({@link com.placebrain.devices.places.PlaceDeletion}). The role cache follows, and so do the
 * place's devices and the members' MQTT sessions and credentials. The events enter from
 * events.inbound's PlacesEventsConsumer, already read as roles' MemberEvents.
 */
package com.placebrain.devices.places;

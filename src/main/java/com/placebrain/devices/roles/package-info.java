/**
 * Who holds which role in which place: the role cache in Redis (the Python service's layout,
 * {@link com.placebrain.devices.roles.RoleCache}), the rule every user-facing RPC applies
 * ({@link com.placebrain.devices.roles.PlaceAccess}), and the cache's rebuild from Kafka after Redis
 * lost it ({@link com.placebrain.devices.roles.RoleCacheRebuild}), and this replica's copies of the
 * roles found ({@link com.placebrain.devices.roles.RoleCopies}), voided by Redis' client tracking
 * ({@link com.placebrain.devices.roles.RoleChangeFeed}). Member records enter through
 * {@link com.placebrain.devices.roles.MemberEvent#read}, for the live consumer (events.inbound) and
 * the rebuild alike. What a membership change means beyond the cache (MQTT sessions and
 * credentials) is the places package's: this package imports nothing of ours but platform.
 */
package com.placebrain.devices.roles;

/**
 * Who holds which role in which place: the Redis role cache in the Python service's layout
 * ({@code RoleCache}), its rebuild from the member topics after data loss
 * ({@code RoleCacheRebuild}), and the question every request asks of it ({@code PlaceAccess}).
 */
package com.placebrain.devices.roles;

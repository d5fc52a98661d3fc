/**
 * The failure model every transport maps: {@code ServiceException} (what the caller asked for
 * cannot be done, and why) and {@code DependencyFailures} (a store is out of service).
 */
package com.placebrain.devices.platform.errors;

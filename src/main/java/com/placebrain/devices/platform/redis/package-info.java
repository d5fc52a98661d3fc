/**
 * The Redis client (Jedis, pooled) and the circuit that answers at once while Redis cannot be reached.
 */
package com.placebrain.devices.platform.redis;

/**
 * The Redis client (Jedis, pooled), the circuit that answers at once while Redis cannot be reached,
 * and the endpoint a connection held outside the pool (a subscription) is made from.
 */
package com.placebrain.devices.platform.redis;

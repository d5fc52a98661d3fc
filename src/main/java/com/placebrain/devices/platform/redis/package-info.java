/**
 * The Redis client (Jedis, pooled), the circuit that answers at once while Redis cannot be reached,
 * the endpoint a connection held outside the pool (a subscription) is made from, and the one loop
 * that keeps such a subscription up ({@code RedisSubscription}: reconnects, pings, log lines).
 */
package com.placebrain.devices.platform.redis;

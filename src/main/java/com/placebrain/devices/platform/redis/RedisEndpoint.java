package com.placebrain.devices.platform.redis;

import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * The Redis server and how to talk to it (credentials, database, TLS, timeouts), read once from
 * the settings: the pool is made of it, and so is a connection that one user holds for long, such
 * as a pub/sub subscription, which must not take a pooled connection for ever.
 *
 * @param address host and port
 * @param client credentials, database, TLS and timeouts
 */
public record RedisEndpoint(HostAndPort address, JedisClientConfig client) {

    /** A new connection outside the pool, connected; the caller closes it. */
    public Connection connect() {
        Connection connection = new Connection(address, client);
        try {
            connection.connect();
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}

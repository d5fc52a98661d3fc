package com.placebrain.devices.platform.redis;

import com.placebrain.devices.platform.config.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * One pooled Redis client for the whole service. {@code devices.redis.timeout-ms} is what a call
 * may wait for Redis in all before it is UNAVAILABLE, so it is split: at most half of it waiting
 * for a free pooled connection, at most half for an answer (and for connecting). Given whole to
 * each, the waits added up: with Redis not answering (seen while it shut down) the callers queued
 * behind the connections in use waited a timeout for a connection, then a timeout for its answer
 * (4.4 s for 2 s). The pool's own default is to wait for ever: a caller queued for a connection
 * was woken only once connections could be made again, i.e. when Redis was back (5-7 s hangs).
 */
@ApplicationScoped
public class RedisClientProducer {

    /** Calls using Redis at once before one has to wait; each command takes well under a millisecond. */
    static final int MAX_CONNECTIONS = 32;

    // @Singleton, not @ApplicationScoped: a client proxy would construct a throw-away client.
    @Produces
    @Singleton
    JedisPooled redis(ServiceSettings settings) {
        URI uri = URI.create(settings.redisUrl());
        int half = Math.max(settings.redisTimeoutMillis() / 2, 1);
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(half)
                .socketTimeoutMillis(half)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName("devices-service")
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        pool.setMaxWait(Duration.ofMillis(half));
        return new JedisPooled(new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379), config, pool);
    }

    void close(@Disposes JedisPooled redis) {
        redis.close();
    }
}

package com.placebrain.devices.platform.redis;

import com.placebrain.devices.platform.config.ServiceSettings;
import com.placebrain.devices.platform.tracing.Tracing;
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
 * One pooled Redis client for the whole service, with short timeouts so a dead Redis fails fast.
 *
 * <p>The pool's wait for a free connection is bounded by the same timeout. Its default is to wait
 * for ever: with Redis down, the connections in use fail and are destroyed, their replacements
 * cannot be created, and a caller already queued for one is woken only when one can be made again,
 * i.e. when Redis is back. Once connections fail, {@link RedisCircuit} answers at once until Redis
 * is back. With traces on, each command and pipeline is a span ({@link TracedConnection}).
 */
@ApplicationScoped
public class RedisClientProducer {

    /** Calls using Redis at once before one has to wait; each command takes well under a millisecond. */
    static final int MAX_CONNECTIONS = 32;
    /** While Redis is away, how often one call goes through to find out whether it is back. */
    static final long RETRY_MILLIS = 250;

    /** Where Redis is and how to talk to it: the pool's connections and any held for long use it. */
    @Produces
    @Singleton
    RedisEndpoint endpoint(ServiceSettings settings) {
        URI uri = URI.create(settings.redisUrl());
        int timeout = settings.redisTimeoutMillis();
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName("devices-service")
                .build();
        return new RedisEndpoint(new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379), config);
    }

    // @Singleton, not @ApplicationScoped: a client proxy would construct a throw-away client.
    @Produces
    @Singleton
    JedisPooled redis(RedisEndpoint endpoint, ServiceSettings settings, Tracing tracing) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        pool.setMaxWait(Duration.ofMillis(settings.redisTimeoutMillis()));
        return new JedisPooled(new RedisCircuit(RETRY_MILLIS).provider(endpoint.address(), endpoint.client(), pool,
                tracing.tracer(TracedConnection.INSTRUMENTATION)));
    }

    void close(@Disposes JedisPooled redis) {
        redis.close();
    }
}

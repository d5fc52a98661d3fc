package com.placebrain.devices.platform.redis;

import com.placebrain.devices.platform.config.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisURIHelper;

/** One pooled Redis client for the whole service, with short timeouts so a dead Redis fails fast. */
@ApplicationScoped
public class RedisClientProducer {

    // @Singleton, not @ApplicationScoped: a client proxy would construct a throw-away client.
    @Produces
    @Singleton
    JedisPooled redis(ServiceSettings settings) {
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
        return new JedisPooled(new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379), config);
    }

    void close(@Disposes JedisPooled redis) {
        redis.close();
    }
}

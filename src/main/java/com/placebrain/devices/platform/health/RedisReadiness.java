package com.placebrain.devices.platform.health;

import com.placebrain.devices.platform.config.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import redis.clients.jedis.JedisPooled;

@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    @Inject
    JedisPooled redis;

    @Inject
    ServiceSettings settings;

    @Override
    public HealthCheckResponse call() {
        URI uri = URI.create(settings.redisUrl());
        String endpoint = uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 6379);
        try {
            String pong = redis.ping();
            return "PONG".equals(pong)
                    ? DependencyCheck.up("redis", endpoint)
                    : DependencyCheck.down("redis", endpoint, "unexpected PING answer");
        } catch (Exception e) {
            return DependencyCheck.down("redis", endpoint, e);
        }
    }
}

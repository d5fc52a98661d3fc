package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.cache.CopiesGauge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What device logins cost: {@code mqtt_login_cache_total{result="local_hit"|"hit"|"miss"}}
 * (answered from this replica's copy without Redis, from Redis, or not: a miss goes to the
 * registry, and may cost a bcrypt check), {@code mqtt_login_throttled_total} (denied by the
 * bcrypt budget, unverified), {@code bcrypt_checks_total}, and
 * {@code replica_copies{copies="device_logins"}} (the logins {@link RecentDeviceChecks} keeps).
 */
@ApplicationScoped
public class LoginMetrics {

    private static final Metadata CACHE = Metadata.builder().withName("mqtt.login.cache")
            .withDescription("Device logins checked against the cache of verified secrets: local_hit (this replica's"
                    + " copy, no Redis), hit (Redis) or miss").build();

    private final MetricRegistry registry;
    private final Counter localHits;
    private final Counter hits;
    private final Counter misses;
    private final Counter throttled;
    private final Counter bcryptChecks;

    @Inject
    LoginMetrics(MetricRegistry registry) {
        this.registry = registry;
        localHits = registry.counter(CACHE, new Tag("result", "local_hit"));
        hits = registry.counter(CACHE, new Tag("result", "hit"));
        misses = registry.counter(CACHE, new Tag("result", "miss"));
        throttled = registry.counter(Metadata.builder().withName("mqtt.login.throttled")
                .withDescription("Device logins denied unverified: the username's bcrypt budget was spent").build());
        bcryptChecks = registry.counter(Metadata.builder().withName("bcrypt.checks")
                .withDescription("bcrypt verifications of device tokens").build());
    }

    /** For CDI's client proxy. */
    LoginMetrics() {
        registry = null;
        localHits = null;
        hits = null;
        misses = null;
        throttled = null;
        bcryptChecks = null;
    }

    void copiesKept(Supplier<Integer> size) {
        CopiesGauge.register(registry, "device_logins", size);
    }

    public void localHit() {
        localHits.inc();
    }

    public void cacheHit() {
        hits.inc();
    }

    public void cacheMiss() {
        misses.inc();
    }

    public void throttled() {
        throttled.inc();
    }

    public void bcryptCheck() {
        bcryptChecks.inc();
    }
}

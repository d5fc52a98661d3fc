package com.placebrain.devices.roles;

import com.placebrain.devices.platform.cache.CopiesGauge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Where role checks found their answer ({@link RoleCopies}):
 * {@code role_checks_total{answer="kept"|"read"}} (read: from Redis, found or not). Kept staying at
 * 0 under load means the replica's copies are not used: the tracking connection is down, or off.
 * {@code replica_copies{copies="roles"}}: the roles kept now.
 */
@ApplicationScoped
public class RoleCheckMetrics {

    private static final Metadata CHECKS = Metadata.builder().withName("role.checks")
            .withDescription("Role checks: kept (this replica's copy) or read (Redis)").build();

    private final MetricRegistry registry;
    private final Counter kept;
    private final Counter read;

    @Inject
    public RoleCheckMetrics(MetricRegistry registry) {
        this.registry = registry;
        kept = registry.counter(CHECKS, new Tag("answer", "kept"));
        read = registry.counter(CHECKS, new Tag("answer", "read"));
    }

    /** For CDI's client proxy. */
    protected RoleCheckMetrics() {
        registry = null;
        kept = null;
        read = null;
    }

    void copiesKept(Supplier<Integer> size) {
        CopiesGauge.register(registry, "roles", size);
    }

    public void check(boolean fromCopy) {
        (fromCopy ? kept : read).inc();
    }
}

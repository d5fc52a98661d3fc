package com.placebrain.devices.roles;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Where role checks found their answer ({@link RoleCopies}):
 * {@code role_checks_total{answer="kept"|"read"}} (read: from Redis, found or not). Kept staying at
 * 0 under load means the replica's copies are not used: the tracking connection is down, or off.
 */
@ApplicationScoped
public class RoleCheckMetrics {

    private static final Metadata CHECKS = Metadata.builder().withName("role.checks")
            .withDescription("Role checks: kept (this replica's copy) or read (Redis)").build();

    private final Counter kept;
    private final Counter read;

    @Inject
    public RoleCheckMetrics(MetricRegistry registry) {
        kept = registry.counter(CHECKS, new Tag("answer", "kept"));
        read = registry.counter(CHECKS, new Tag("answer", "read"));
    }

    /** For CDI's client proxy. */
    protected RoleCheckMetrics() {
        kept = null;
        read = null;
    }

    public void check(boolean fromCopy) {
        (fromCopy ? kept : read).inc();
    }
}

package com.placebrain.devices.platform.cache;

import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code replica_copies{copies="..."}}: how many copies of one kind ({@link KeptCopies}) this
 * replica holds now, to be read against that kind's bound. One metric for every kind, so a
 * dashboard shows them side by side.
 */
public final class CopiesGauge {

    private static final Metadata COPIES = Metadata.builder().withName("replica.copies")
            .withDescription("Copies this replica keeps in memory now, by kind (each kind has its own bound)").build();

    private CopiesGauge() {
    }

    public static void register(MetricRegistry registry, String copies, Supplier<Integer> size) {
        registry.gauge(COPIES, size, new Tag("copies", copies));
    }
}

package com.placebrain.devices.devices;

import com.placebrain.devices.platform.cache.CopiesGauge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Whether GetDevice and ListDevices were answered from this replica's copy ({@link DeviceAnswers}):
 * {@code device_answers_total{call="GetDevice"|"ListDevices", answer="kept"|"read"}} (read: from
 * PostgreSQL, found or not), and {@code replica_copies{copies="devices"|"device_pages"}} (the
 * answers kept now).
 */
@ApplicationScoped
public class AnswerMetrics {

    private static final Metadata ANSWERS = Metadata.builder().withName("device.answers")
            .withDescription("GetDevice and ListDevices answers: kept (this replica's copy) or read (PostgreSQL)").build();

    private final MetricRegistry registry;
    private final Counter deviceKept;
    private final Counter deviceRead;
    private final Counter pageKept;
    private final Counter pageRead;

    @Inject
    public AnswerMetrics(MetricRegistry registry) {
        this.registry = registry;
        deviceKept = registry.counter(ANSWERS, new Tag("call", "GetDevice"), new Tag("answer", "kept"));
        deviceRead = registry.counter(ANSWERS, new Tag("call", "GetDevice"), new Tag("answer", "read"));
        pageKept = registry.counter(ANSWERS, new Tag("call", "ListDevices"), new Tag("answer", "kept"));
        pageRead = registry.counter(ANSWERS, new Tag("call", "ListDevices"), new Tag("answer", "read"));
    }

    /** For CDI's client proxy. */
    protected AnswerMetrics() {
        registry = null;
        deviceKept = null;
        deviceRead = null;
        pageKept = null;
        pageRead = null;
    }

    void copiesKept(Supplier<Integer> devices, Supplier<Integer> pages) {
        CopiesGauge.register(registry, "devices", devices);
        CopiesGauge.register(registry, "device_pages", pages);
    }

    public void device(boolean kept) {
        (kept ? deviceKept : deviceRead).inc();
    }

    public void page(boolean kept) {
        (kept ? pageKept : pageRead).inc();
    }
}

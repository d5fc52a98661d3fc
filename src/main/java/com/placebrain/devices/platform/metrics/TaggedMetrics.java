package com.placebrain.devices.platform.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The timers or counters of one metric by the values of its tags (e.g. a gRPC method and its
 * status code): each combination is registered at its first use and then looked up here, as the
 * registry's own lookup builds its tags and id on every call.
 */
public final class TaggedMetrics<M> {

    private final String[] tagNames;
    private final Function<Tag[], M> register;
    private final Map<List<String>, M> metrics = new ConcurrentHashMap<>();

    private TaggedMetrics(String[] tagNames, Function<Tag[], M> register) {
        this.tagNames = tagNames.clone();
        this.register = register;
    }

    public static TaggedMetrics<Timer> timers(MetricRegistry registry, Metadata metadata, String... tagNames) {
        return new TaggedMetrics<>(tagNames, tags -> registry.timer(metadata, tags));
    }

    public static TaggedMetrics<Counter> counters(MetricRegistry registry, Metadata metadata, String... tagNames) {
        return new TaggedMetrics<>(tagNames, tags -> registry.counter(metadata, tags));
    }

    /** The metric of these tag values, one per tag name, in the same order. */
    public M with(String... tagValues) {
        if (tagValues.length != tagNames.length) {
            throw new IllegalArgumentException("expected values of " + List.of(tagNames));
        }
        return metrics.computeIfAbsent(List.of(tagValues), values -> {
            Tag[] tags = new Tag[tagNames.length];
            for (int i = 0; i < tags.length; i++) {
                tags[i] = new Tag(tagNames[i], values.get(i));
            }
            return register.apply(tags);
        });
    }
}

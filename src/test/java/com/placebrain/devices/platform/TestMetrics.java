package com.placebrain.devices.platform;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * A MetricRegistry for unit tests (the real one is Liberty's): counters and gauges by name and tags
 * ({@code "mqtt.login.cache result=hit"}), readable through {@link #count} and {@link #gauge}.
 */
public final class TestMetrics {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Supplier<?>> gauges = new ConcurrentHashMap<>();
    public final MetricRegistry registry = (MetricRegistry) Proxy.newProxyInstance(TestMetrics.class.getClassLoader(),
            new Class<?>[] {MetricRegistry.class}, (proxy, method, args) -> {
                if (method.getName().equals("gauge") && args != null && args.length == 3
                        && args[0] instanceof Metadata metadata && args[1] instanceof Supplier<?> supplier) {
                    gauges.put(metadata.getName() + tags((Tag[]) args[2]), supplier);
                    return null;
                }
                if (!method.getName().equals("counter") || args == null || !(args[0] instanceof Metadata metadata)) {
                    throw new UnsupportedOperationException("TestMetrics: " + method);
                }
                String key = metadata.getName() + (args.length > 1 ? tags((Tag[]) args[1]) : "");
                AtomicLong count = counts.computeIfAbsent(key, k -> new AtomicLong());
                return Proxy.newProxyInstance(TestMetrics.class.getClassLoader(), new Class<?>[] {Counter.class},
                        (counter, call, values) -> switch (call.getName()) {
                            case "inc" -> count.addAndGet(values == null ? 1 : (Long) values[0]);
                            case "getCount" -> count.get();
                            default -> throw new UnsupportedOperationException("TestMetrics counter: " + call);
                        });
            });

    public long count(String key) {
        AtomicLong count = counts.get(key);
        return count == null ? 0 : count.get();
    }

    /** The gauge's value now; fails when no such gauge was registered. */
    public Number gauge(String key) {
        Supplier<?> gauge = gauges.get(key);
        if (gauge == null) {
            throw new AssertionError("no gauge " + key + " among " + gauges.keySet());
        }
        return (Number) gauge.get();
    }

    private static String tags(Tag[] tags) {
        return Arrays.stream(tags).map(tag -> " " + tag.getTagName() + "=" + tag.getTagValue()).reduce("", String::concat);
    }
}

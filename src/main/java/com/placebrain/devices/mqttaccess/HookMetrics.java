package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.metrics.TaggedMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The EMQX hooks' answers, {@code emqx_hook_requests_seconds{hook, result}}: {@code auth} or
 * {@code acl}; {@code allow}, {@code deny}, {@code ignore}, {@code bad_request} (a 4xx) or
 * {@code error} (a 5xx), with the time from the request to its answer.
 */
@ApplicationScoped
public class HookMetrics {

    private static final Metadata REQUESTS = Metadata.builder().withName("emqx.hook.requests")
            .withUnit(MetricUnits.SECONDS)
            .withDescription("EMQX hook requests by hook (auth, acl) and result (allow, deny, ignore, bad_request, error)")
            .build();

    private final TaggedMetrics<Timer> timers;

    @Inject
    HookMetrics(MetricRegistry registry) {
        this.timers = TaggedMetrics.timers(registry, REQUESTS, "hook", "result");
    }

    /** For CDI's client proxy. */
    HookMetrics() {
        this.timers = null;
    }

    public void answered(String hook, String result, long nanos) {
        timers.with(hook, result).update(Duration.ofNanos(nanos));
    }
}

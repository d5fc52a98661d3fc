package com.placebrain.devices.events.outbox;

import com.placebrain.devices.events.outbound.OutboundEvent;
import com.placebrain.devices.platform.persistence.Clock;
import com.placebrain.devices.platform.persistence.Ids;
import com.placebrain.devices.platform.config.AppClassLoader;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Records events in the caller's transaction; {@link OutboxRelay} publishes them after commit.
 * An event written by a traced call keeps the call's {@code traceparent} (README "Tracing").
 */
@ApplicationScoped
public class Outbox {

    /** The W3C header (and Kafka record header) that carries a trace. */
    static final String TRACEPARENT = "traceparent";

    @PersistenceContext(unitName = "devices")
    EntityManager em;

    private Jsonb json;

    @PostConstruct
    void createJsonb() {
        json = AppClassLoader.call(JsonbBuilder::create);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(OutboundEvent event) {
        em.persist(new OutboxEvent(Ids.newId(), event.topic(), event.key(), json.toJson(event), Clock.now(),
                traceparent(Context.current())));
    }

    /**
     * The W3C traceparent of the span current in the caller, or null when there is none (with
     * tracing off no span is ever current).
     */
    static String traceparent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        String[] traceparent = new String[1];
        W3CTraceContextPropagator.getInstance().inject(context, traceparent, (carrier, key, value) -> {
            if (TRACEPARENT.equals(key)) {
                carrier[0] = value;
            }
        });
        return traceparent[0];
    }
}

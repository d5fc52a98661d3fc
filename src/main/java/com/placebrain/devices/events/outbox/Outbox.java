package com.placebrain.devices.events.outbox;

import com.placebrain.devices.events.outbound.OutboundEvent;
import com.placebrain.devices.platform.persistence.Clock;
import com.placebrain.devices.platform.persistence.Ids;
import com.placebrain.devices.platform.config.AppClassLoader;
import com.placebrain.devices.platform.tracing.Tracing;
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
                Tracing.traceparent(Context.current())));
    }
}

package com.placebrain.devices.events.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;

/** One relay pass: a locked batch of outbox rows, published and deleted in one transaction. */
@ApplicationScoped
public class OutboxBatches {

    /** Any constant shared by all replicas: only the holder of this lock relays. */
    private static final long RELAY_LOCK = 0x6465766963657301L;
    private static final int BATCH_SIZE = 500;
    private static final long ACK_TIMEOUT_SECONDS = 35;

    @PersistenceContext(unitName = "devices")
    EntityManager em;

    /** What one pass did: events published (and deleted), and the failure that ended it, if any. */
    public record Pass(int published, Exception failure) {
    }

    /**
     * Publishes and deletes the next batch. One replica at a time relays (a transaction-scoped
     * advisory lock), which keeps per-key order across replicas; the rows are also locked
     * (FOR UPDATE SKIP LOCKED) so nothing is published twice.
     */
    @Transactional
    public Pass publishNextBatch(Producer<String, String> producer) {
        boolean relayer = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK).getSingleResult();
        if (!relayer) {
            return new Pass(0, null);
        }
        @SuppressWarnings("unchecked")
        List<OutboxEvent> events = em.createNativeQuery(
                        "SELECT * FROM outbox_events ORDER BY seq LIMIT ?1 FOR UPDATE SKIP LOCKED", OutboxEvent.class)
                .setParameter(1, BATCH_SIZE)
                .getResultList();
        if (events.isEmpty()) {
            return new Pass(0, null);
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        try {
            for (OutboxEvent event : events) {
                ProducerRecord<String, String> record =
                        new ProducerRecord<>(event.topic(), event.recordKey(), event.payload());
                record.headers().add(new RecordHeader("event-id", event.id().toString().getBytes()));
                acks.add(producer.send(record));
            }
        } catch (RuntimeException e) {
            return new Pass(0, e);
        }
        // Delete what was acknowledged, in order, up to the first failure: a later row must not
        // be removed (and so never retried) while an earlier one with the same key waits.
        List<Long> published = new ArrayList<>(events.size());
        Exception failure = null;
        for (int i = 0; i < events.size() && failure == null; i++) {
            try {
                acks.get(i).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                published.add(events.get(i).seq());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            } catch (ExecutionException | TimeoutException e) {
                failure = e;
            }
        }
        if (!published.isEmpty()) {
            em.createQuery("DELETE FROM OutboxEvent e WHERE e.seq IN :seqs").setParameter("seqs", published)
                    .executeUpdate();
        }
        return new Pass(published.size(), failure);
    }
}

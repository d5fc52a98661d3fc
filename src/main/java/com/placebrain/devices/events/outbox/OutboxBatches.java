package com.placebrain.devices.events.outbox;

import com.placebrain.devices.platform.tracing.Tracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    /** Longer than the relay producer's delivery timeout, after which it has settled every record. */
    static final Duration ACK_WAIT = OutboxRelay.DELIVERY_TIMEOUT.plusSeconds(5);

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
        try {
            // With every topic's partitions known up front, send() cannot stall on metadata half-way
            // through a batch while the records before it are already on their way to the broker.
            events.stream().map(OutboxEvent::topic).distinct().forEach(producer::partitionsFor);
        } catch (RuntimeException e) {
            return new Pass(0, e);
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        Exception failure = null;
        for (OutboxEvent event : events) {
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(event.topic(), event.recordKey(), event.payload());
            record.headers().add(new RecordHeader("event-id", event.id().toString().getBytes(StandardCharsets.UTF_8)));
            if (event.traceparent() != null) {
                record.headers().add(new RecordHeader(Tracing.TRACEPARENT,
                        event.traceparent().getBytes(StandardCharsets.US_ASCII)));
            }
            try {
                acks.add(producer.send(record));
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        // Every record handed over is waited for until the producer settles it (the wait outlasts its
        // delivery timeout), and every acknowledged row is deleted: a row whose record the broker took
        // must not be published again, and a row still in the outbox must not also go out late.
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        List<Long> published = new ArrayList<>(events.size());
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.add(events.get(i).seq());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
                break;
            } catch (ExecutionException | TimeoutException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (!published.isEmpty()) {
            em.createQuery("DELETE FROM OutboxEvent e WHERE e.seq IN :seqs").setParameter("seqs", published)
                    .executeUpdate();
        }
        return new Pass(published.size(), failure);
    }
}

package com.placebrain.devices.events.inbound;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * One consumed channel's records taken in groups: the connector hands records over as fast as it
 * reads them ({@link #offer} returns at once while the next group has room), one worker thread
 * takes a group when it is full or its first record has waited the linger time, makes the
 * group's effect durable at once ({@link Applier}), and only then acknowledges its records. Groups
 * are applied one after the other in the order read, so a device's records (one partition, one
 * key) keep their order across groups.
 *
 * <p>What cannot be read is taken alone by today's rules ({@link InboundProcessing#processAlone}:
 * a poison record to the DLQ, alone). A group whose store is away is retried whole, with backoff;
 * a group that fails otherwise is taken record by record by today's rules, so that one bad record
 * goes to the DLQ alone and the others are applied.
 *
 * @param <T> a record as read, what the applier takes
 */
final class RecordGroups<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RecordGroups.class.getName());
    private static final CompletionStage<Void> TAKEN = CompletableFuture.completedFuture(null);

    /** Reads one record, or throws (e.g. {@code PoisonRecord}): nothing is changed yet. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ConsumerRecord<String, String> record);
    }

    /** Makes the effect of the records read durable, all of it or (throwing) none of it. */
    @FunctionalInterface
    interface Applier<T> {
        void apply(List<T> items);
    }

    private final String channel;
    private final int groupSize;
    private final long lingerNanos;
    private final Executor executor;
    private final InboundProcessing processing;
    private final Reader<T> reader;
    private final Applier<T> applier;
    private final Consumer<ConsumerRecord<String, String>> alone;
    private final Thread worker;

    private final Object lock = new Object();
    /** The next group, filling; guarded by {@link #lock}. */
    private List<Message<String>> next = new ArrayList<>();
    private long nextSince;
    /** Completed when the full next group is taken: the connector then hands over more records. */
    private CompletableFuture<Void> room;
    private volatile boolean running = true;

    RecordGroups(String channel, TelemetrySettings settings, ThreadFactory threads, Executor executor,
                 InboundProcessing processing, Reader<T> reader, Applier<T> applier) {
        this.channel = channel;
        this.groupSize = settings.groupSize();
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(settings.lingerMillis());
        this.executor = executor;
        this.processing = processing;
        this.reader = reader;
        this.applier = applier;
        this.alone = record -> applier.apply(List.of(reader.read(record)));
        this.worker = threads.newThread(this::work);
        this.worker.setName("kafka-groups-" + channel);
        this.worker.start();
    }

    /**
     * Takes the record into the next group; the stage completes once the group has room for
     * another record (the connector sends the next one only then). The record is acknowledged
     * when its group is durable.
     */
    CompletionStage<Void> offer(Message<String> message) {
        synchronized (lock) {
            if (next.isEmpty()) {
                nextSince = System.nanoTime();
            }
            next.add(message);
            if (next.size() == 1 || next.size() >= groupSize) {
                lock.notifyAll();
            }
            if (next.size() < groupSize) {
                return TAKEN;
            }
            if (room == null) {
                room = new CompletableFuture<>();
            }
            return room;
        }
    }

    private void work() {
        while (running) {
            List<Message<String>> group;
            CompletableFuture<Void> freed;
            try {
                synchronized (lock) {
                    while (running && !due()) {
                        if (next.isEmpty()) {
                            lock.wait();
                        } else {
                            TimeUnit.NANOSECONDS.timedWait(lock, lingerNanos - (System.nanoTime() - nextSince));
                        }
                    }
                    if (!running) {
                        return;
                    }
                    group = next;
                    next = new ArrayList<>();
                    freed = room;
                    room = null;
                }
                if (freed != null) {
                    // Not on this thread: the connector would hand over the next records on it.
                    executor.execute(() -> freed.complete(null));
                }
                takeUntilDone(group);
            } catch (InterruptedException e) {
                // closing: the records not acknowledged are read again after the restart
                return;
            }
        }
    }

    /** Never gives a group up: its records would be neither applied nor read again until a restart. */
    private void takeUntilDone(List<Message<String>> group) throws InterruptedException {
        while (true) {
            try {
                take(group);
                return;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "A group of " + group.size() + " records of " + channel + " failed; retrying", e);
                Thread.sleep(InboundProcessing.MAX_BACKOFF_MS);
            }
        }
    }

    /** Guarded by {@link #lock}. */
    private boolean due() {
        return !next.isEmpty() && (next.size() >= groupSize || System.nanoTime() - nextSince >= lingerNanos);
    }

    /** Returns once every record of the group is durable, in the DLQ or logged; then acknowledges them. */
    @SuppressWarnings("unchecked")
    private void take(List<Message<String>> group) throws InterruptedException {
        List<ConsumerRecord<String, String>> records = new ArrayList<>(group.size());
        for (Message<String> message : group) {
            records.add(message.unwrap(ConsumerRecord.class));
        }
        InboundProcessing.inSpan(processing.groupSpan(records), () -> apply(records));
        group.forEach(Message::ack);
    }

    private void apply(List<ConsumerRecord<String, String>> records) throws InterruptedException {
        List<T> items = new ArrayList<>(records.size());
        List<ConsumerRecord<String, String>> read = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            try {
                items.add(reader.read(record));
                read.add(record);
            } catch (RuntimeException unreadable) {
                processing.processAlone(record, alone);
            }
        }
        long backoff = InboundProcessing.INITIAL_BACKOFF_MS;
        while (!items.isEmpty()) {
            try {
                applier.apply(items);
                processing.processedTogether(read.getFirst().topic(), items.size());
                return;
            } catch (RuntimeException e) {
                if (!InboundProcessing.isInfrastructure(e)) {
                    LOG.log(Level.WARNING, "A group of " + items.size() + " records of " + channel
                            + " failed; taking them one by one", e);
                    for (ConsumerRecord<String, String> record : read) {
                        processing.processAlone(record, alone);
                    }
                    return;
                }
                processing.retriedTogether(read.getFirst().topic(), items.size());
                String reason = e.getMessage();
                Span.current().addEvent("retry", Attributes.of(InboundProcessing.REASON, String.valueOf(reason)));
                LOG.warning(() -> "A group of " + items.size() + " records of " + channel + " from "
                        + InboundProcessing.where(read.getFirst()) + " not processed yet (" + reason + "); retrying");
                Thread.sleep(backoff);
                backoff = InboundProcessing.nextBackoff(backoff);
            }
        }
    }

    /** Stops the worker; records not yet acknowledged are read again by the next consumer of their partition. */
    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

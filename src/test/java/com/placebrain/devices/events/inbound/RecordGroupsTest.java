package com.placebrain.devices.events.inbound;

import com.placebrain.devices.platform.TestMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.kafka.PoisonRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The grouping rules on a real worker thread, the stores stood in for by an applier that records
 * what it was given: groups in the order read, acknowledged only once applied, a poison record
 * or a record that fails its group taken alone, an outage retried whole.
 */
class RecordGroupsTest {

    private static final long WAIT_SECONDS = 10;

    /** A consumed record as the connector hands it over: unwraps to its ConsumerRecord, remembers its ack. */
    private static final class Consumed implements Message<String> {
        final ConsumerRecord<String, String> record;
        final AtomicBoolean acked = new AtomicBoolean();

        Consumed(long offset, String value) {
            this.record = new ConsumerRecord<>("telemetry.status", 0, offset, "key", value);
        }

        @Override
        public String getPayload() {
            return record.value();
        }

        @Override
        public CompletionStage<Void> ack() {
            acked.set(true);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public <C> C unwrap(Class<C> type) {
            return type.cast(record);
        }
    }

    /** The DLQ: what it got, nothing sent anywhere. */
    private static final class DeadLettersKept extends DeadLetters {
        final List<String> values = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void forward(ConsumerRecord<String, String> record, String reason) {
            values.add(record.value());
        }
    }

    private final DeadLettersKept dlq = new DeadLettersKept();
    private final TestMetrics metrics = new TestMetrics();
    private final List<List<String>> applied = Collections.synchronizedList(new ArrayList<>());
    /** Read by the worker (in {@link #keep}) while the test offers more: copy on write, never a ConcurrentModificationException. */
    private final List<Consumed> offered = new CopyOnWriteArrayList<>();
    private RecordGroups<String> groups;

    private RecordGroups<String> groups(int size, int lingerMillis, RecordGroups.Applier<String> applier) {
        InboundProcessing processing = new InboundProcessing();
        processing.deadLetters = dlq;
        processing.metrics = new InboundMetrics(metrics.registry);
        groups = new RecordGroups<>("test", new TelemetrySettings(size, lingerMillis), Thread::new,
                ForkJoinPool.commonPool(), processing, record -> {
                    if (record.value().startsWith("{")) {
                        throw new PoisonRecord("not a value of this test");
                    }
                    return record.value();
                }, applier);
        return groups;
    }

    /** Keeps each group, after checking that none of its records was acknowledged before it was applied. */
    private void keep(List<String> items) {
        for (Consumed consumed : offered) {
            if (items.contains(consumed.record.value())) {
                assertFalse(consumed.acked.get(), consumed.record.value() + " acknowledged before its group was applied");
            }
        }
        applied.add(List.copyOf(items));
    }

    private CompletionStage<Void> offer(String value) {
        Consumed consumed = new Consumed(offered.size(), value);
        offered.add(consumed);
        return groups.offer(consumed);
    }

    @AfterEach
    void close() {
        if (groups != null) {
            groups.close();
        }
    }

    @Test
    void groupsAreAppliedInTheOrderReadAndAcknowledgedOnlyOnceApplied() throws Exception {
        groups(3, 1_000, this::keep);
        for (int i = 1; i <= 7; i++) {
            // as the connector does: the next record once the stage of the last one completed
            offer("r" + i).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        await("two full groups and the rest after the linger time", () -> applied.size() >= 3);
        assertEquals(List.of(List.of("r1", "r2", "r3"), List.of("r4", "r5", "r6"), List.of("r7")), applied);
        await("every record acknowledged", () -> offered.stream().allMatch(c -> c.acked.get()));
    }

    @Test
    void aLoneRecordIsAppliedWithoutWaitingForOthers() {
        groups(500, 5, this::keep);
        offer("alone");
        await("the lone record applied", () -> applied.equals(List.of(List.of("alone"))));
        await("and acknowledged", () -> offered.getFirst().acked.get());
    }

    @Test
    void aFullGroupHoldsTheNextRecordsBackUntilTheGroupBeingAppliedIsDone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        groups(2, 0, items -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            keep(items);
        });
        offer("a1");
        await("the first group taken", () -> true);
        Thread.sleep(100);
        CompletionStage<Void> second = offer("b1");
        CompletionStage<Void> full = offer("b2");
        assertTrue(second.toCompletableFuture().isDone(), "room left in the next group");
        Thread.sleep(200);
        assertFalse(full.toCompletableFuture().isDone(), "the next group is full while the first is being applied");
        release.countDown();
        full.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        await("both groups applied", () -> applied.size() >= 2);
        assertEquals(List.of(List.of("a1"), List.of("b1", "b2")), applied);
    }

    @Test
    void aPoisonRecordGoesToTheDlqAloneAndTheRestOfItsGroupIsApplied() {
        groups(3, 1_000, this::keep);
        offer("g1");
        offer("{bad");
        offer("g2");
        await("the group applied", () -> applied.size() >= 1);
        assertEquals(List.of(List.of("g1", "g2")), applied);
        assertEquals(List.of("{bad"), dlq.values);
        await("all three acknowledged", () -> offered.stream().allMatch(c -> c.acked.get()));
        assertEquals(2, metrics.count("kafka.records.consumed topic=telemetry.status outcome=processed"));
        assertEquals(1, metrics.count("kafka.records.consumed topic=telemetry.status outcome=dead_lettered"));
    }

    @Test
    void aGroupFailingForOneRecordIsTakenOneByOneSoOnlyThatRecordGoesToTheDlq() {
        groups(4, 1_000, items -> {
            if (items.contains("breaks")) {
                throw new IllegalStateException("a record the store refuses");
            }
            keep(items);
        });
        offer("o1");
        offer("breaks");
        offer("o2");
        offer("o3");
        await("all four acknowledged", () -> offered.stream().allMatch(c -> c.acked.get()));
        assertEquals(List.of(List.of("o1"), List.of("o2"), List.of("o3")), applied, "the others, alone and in order");
        assertEquals(List.of("breaks"), dlq.values, "after its attempts, alone");
    }

    @Test
    void aGroupMeetingAnOutageIsRetriedWholeAndAppliedOnce() {
        AtomicInteger attempts = new AtomicInteger();
        groups(3, 1_000, items -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new JedisConnectionException("Redis away");
            }
            keep(items);
        });
        offer("s1");
        offer("s2");
        offer("s3");
        await("the group applied after the outage", () -> applied.size() >= 1);
        assertEquals(List.of(List.of("s1", "s2", "s3")), applied);
        assertEquals(3, attempts.get());
        assertEquals(List.of(), dlq.values, "an outage sends nothing to the DLQ");
        await("acknowledged", () -> offered.stream().allMatch(c -> c.acked.get()));
        assertEquals(2 * 3, metrics.count("kafka.records.consumed topic=telemetry.status outcome=retried"),
                "two failed attempts of three records");
        assertEquals(3, metrics.count("kafka.records.consumed topic=telemetry.status outcome=processed"));
    }

    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + WAIT_SECONDS + " s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}

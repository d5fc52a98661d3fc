package com.placebrain.devices.platform.cache;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * Copies of what a shared store held, kept in this replica's memory while a feed of changes (a
 * subscription, a LISTEN) is up, so that a read is answered without a round trip to the store.
 *
 * <p>A copy belongs to a group (a device, a place), and a change is reported per group
 * ({@link #evict}). A copy is used only while the feed is up and only if no eviction of its group
 * (nor loss of the feed) happened since before it was read: the reader takes a {@link Ticket} before
 * reading the store, and every keep and every use checks the sequence numbers the ticket holds (one
 * per stripe of groups, one for the whole map), so a read that began before a change and is kept
 * after that change's eviction leaves only a dead copy. While the feed is down nothing is kept or
 * used; when it is back the copies start empty, as changes may have been missed meanwhile. A copy is
 * never used past the max age: what a change lost without the feed noticing can cost is bounded by
 * it. The copies kept weigh at most {@code maxWeight} together (each weighs what the weigher says: 1
 * for a count, its wire size for a byte budget): beyond that, copies that are no longer usable are
 * dropped (at most once per max age), else nothing more is kept.
 *
 * @param <K> what a copy answers (a device id, a page of a place)
 * @param <V> the copy; immutable, as readers share it
 */
public final class KeptCopies<K, V> {

    /** Eviction sequences: a change voids the copies of about 1/1024 of the groups, not all. */
    private static final int STRIPES = 1024;

    private final long maxAgeNanos;
    private final long maxWeight;
    private final LongSupplier nanoTime;
    private final Function<? super K, ?> groupOf;
    private final ToIntFunction<? super V> weigher;
    private final ConcurrentHashMap<K, Kept<V>> kept = new ConcurrentHashMap<>();
    /** What the copies in the map weigh together. */
    private final AtomicLong weight = new AtomicLong();
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    /** Bumped whenever the feed is lost or made again, or everything changed: every copy kept before is void. */
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean feedUp;
    private volatile long lastSweep;

    /**
     * @param maxAgeMillis 0 keeps nothing
     * @param maxWeight 0 keeps nothing
     * @param groupOf the group whose eviction voids a key's copy
     * @param weigher what a copy weighs against {@code maxWeight}
     */
    public KeptCopies(long maxAgeMillis, long maxWeight, LongSupplier nanoTime, Function<? super K, ?> groupOf,
                      ToIntFunction<? super V> weigher) {
        this.maxAgeNanos = maxAgeMillis * 1_000_000L;
        this.maxWeight = maxWeight;
        this.nanoTime = nanoTime;
        this.groupOf = groupOf;
        this.weigher = weigher;
        this.lastSweep = nanoTime.getAsLong();
    }

    /** Whether copies are kept at all (then the owner keeps a feed of changes). */
    public boolean enabled() {
        return maxAgeNanos > 0 && maxWeight > 0;
    }

    /** Taken before reading the store: when the read began and which evictions it came after. */
    public record Ticket(long readAt, long epoch, long stripe) {
    }

    private record Kept<V>(V value, Ticket ticket, int weight) {
    }

    /** A ticket to keep what is about to be read for the key; empty while nothing may be kept. */
    public Optional<Ticket> ticket(K key) {
        if (!enabled() || !feedUp) {
            return Optional.empty();
        }
        // A ticket taken while the feed goes down may carry the epoch of the loss, and what it
        // keeps then is kept while nothing is used: feedUp() bumps the epoch again, voiding it.
        long e = epoch.get();
        return Optional.of(new Ticket(nanoTime.getAsLong(), e, stripes.get(stripe(groupOf.apply(key)))));
    }

    /** The key's copy, if one read within the max age, with no eviction of its group since, is kept. */
    public Optional<V> fresh(K key) {
        if (!enabled() || !feedUp) {
            return Optional.empty();
        }
        Kept<V> copy = kept.get(key);
        return copy != null && current(key, copy.ticket()) ? Optional.of(copy.value()) : Optional.empty();
    }

    /** Keeps a value read after the ticket was taken, unless its group was evicted since. */
    public void keep(K key, V value, Ticket ticket) {
        if (!current(key, ticket)) {
            return;
        }
        int w = weigher.applyAsInt(value);
        Kept<V> renewed = kept.get(key);
        long more = renewed == null ? w : w - renewed.weight();
        if (weight.get() + more > maxWeight && !sweep(more)) {
            return;
        }
        Kept<V> replaced = kept.put(key, new Kept<>(value, ticket, w));
        weight.addAndGet(replaced == null ? w : w - replaced.weight());
    }

    /**
     * The group's copies are void from now on. The copy whose key is the group itself is dropped;
     * others of the group stay until replaced or swept, never used.
     */
    public void evict(Object group) {
        stripes.incrementAndGet(stripe(group));
        drop(group);
    }

    /** Every copy is void from now on, and dropped. */
    public void evictAll() {
        epoch.incrementAndGet();
        kept.keySet().forEach(this::drop);
    }

    /** The feed of changes is up (again): start from nothing, then keep. */
    public void feedUp() {
        evictAll();
        feedUp = true;
    }

    /** The feed is down: keep and use nothing until {@link #feedUp()}. */
    public void feedDown() {
        feedUp = false;
        evictAll();
    }

    public int size() {
        return kept.size();
    }

    /** What the copies kept weigh together. */
    public long weight() {
        return weight.get();
    }

    private boolean current(K key, Ticket ticket) {
        return nanoTime.getAsLong() - ticket.readAt() < maxAgeNanos
                && ticket.epoch() == epoch.get()
                && ticket.stripe() == stripes.get(stripe(groupOf.apply(key)));
    }

    /** Drops copies no longer usable, at most once per max age; true if there is room for {@code more} now. */
    private boolean sweep(long more) {
        long now = nanoTime.getAsLong();
        if (now - lastSweep >= maxAgeNanos) {
            lastSweep = now;
            kept.forEach((key, copy) -> {
                if (!current(key, copy.ticket()) && kept.remove(key, copy)) {
                    weight.addAndGet(-copy.weight());
                }
            });
        }
        return weight.get() + more <= maxWeight;
    }

    private void drop(Object key) {
        Kept<V> removed = kept.remove(key);
        if (removed != null) {
            weight.addAndGet(-removed.weight());
        }
    }

    private static int stripe(Object group) {
        return (group.hashCode() & 0x7fff_ffff) % STRIPES;
    }
}

package com.placebrain.devices.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Copies whose group is not their key (pages of a place): a change of the group voids every copy
 * of it, and only those. The per-key rules (max age, feed, bound) are RecentDeviceChecksTest's.
 */
class KeptCopiesTest {

    private record Page(String place, int number) {
    }

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final KeptCopies<Page, String> pages = new KeptCopies<>(60_000, 10, now::get, Page::place, value -> 1);

    private void readAndKeep(Page page, String value) {
        pages.keep(page, value, pages.ticket(page).orElseThrow());
    }

    @Test
    void evictingAGroupVoidsEveryCopyOfItAndNoOther() {
        pages.feedUp();
        Page first = new Page("a", 1);
        Page second = new Page("a", 2);
        Page other = new Page("b", 1);
        readAndKeep(first, "a1");
        readAndKeep(second, "a2");
        readAndKeep(other, "b1");

        pages.evict("a");

        assertEquals(Optional.empty(), pages.fresh(first));
        assertEquals(Optional.empty(), pages.fresh(second));
        assertEquals(Optional.of("b1"), pages.fresh(other));
        readAndKeep(first, "a1 again");
        assertEquals(Optional.of("a1 again"), pages.fresh(first), "read after the change: kept");
    }

    @Test
    void aReadThatBeganBeforeItsGroupChangedIsNotKept() {
        pages.feedUp();
        Page page = new Page("a", 1);
        KeptCopies.Ticket before = pages.ticket(page).orElseThrow();
        pages.evict("a");
        pages.keep(page, "read before the change", before);
        assertEquals(Optional.empty(), pages.fresh(page));
        assertEquals(0, pages.size());
    }

    @Test
    void theCopiesWeighNoMoreThanTheBound() {
        KeptCopies<Page, String> byLength = new KeptCopies<>(60_000, 10, now::get, Page::place, String::length);
        byLength.feedUp();
        byLength.keep(new Page("a", 1), "123456", byLength.ticket(new Page("a", 1)).orElseThrow());
        byLength.keep(new Page("a", 2), "12345", byLength.ticket(new Page("a", 2)).orElseThrow());
        assertEquals(Optional.empty(), byLength.fresh(new Page("a", 2)), "6 + 5 > 10: not kept");
        byLength.keep(new Page("a", 1), "1234567890", byLength.ticket(new Page("a", 1)).orElseThrow());
        assertEquals(Optional.of("1234567890"), byLength.fresh(new Page("a", 1)), "renewed in place: 10");
        assertEquals(10, byLength.weight());
        byLength.evict("a");
        assertEquals(Optional.empty(), byLength.fresh(new Page("a", 1)));
        assertEquals(10, byLength.weight(), "void, not dropped: the key is not the group");
        byLength.keep(new Page("b", 1), "1", byLength.ticket(new Page("b", 1)).orElseThrow());
        assertEquals(Optional.empty(), byLength.fresh(new Page("b", 1)), "full, and the last sweep less than a max age ago");
        now.addAndGet(60_000 * 1_000_000L);
        byLength.keep(new Page("b", 1), "1", byLength.ticket(new Page("b", 1)).orElseThrow());
        assertEquals(Optional.of("1"), byLength.fresh(new Page("b", 1)), "the sweep dropped the void copy");
        assertEquals(1, byLength.weight());
        byLength.feedDown();
        assertEquals(0, byLength.weight(), "dropped with the feed");
    }

    @Test
    void nothingIsKeptWhenTheMaxAgeOrTheBoundIsZero() {
        KeptCopies<Page, String> off = new KeptCopies<>(0, 10, now::get, Page::place, value -> 1);
        off.feedUp();
        assertEquals(Optional.empty(), off.ticket(new Page("a", 1)));
        KeptCopies<Page, String> none = new KeptCopies<>(60_000, 0, now::get, Page::place, value -> 1);
        none.feedUp();
        assertEquals(Optional.empty(), none.ticket(new Page("a", 1)));
    }
}

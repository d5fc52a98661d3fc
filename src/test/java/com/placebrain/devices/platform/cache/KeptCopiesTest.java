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
    private final KeptCopies<Page, String> pages = new KeptCopies<>(60_000, 10, now::get, Page::place);

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
    void nothingIsKeptWhenTheMaxAgeOrTheBoundIsZero() {
        KeptCopies<Page, String> off = new KeptCopies<>(0, 10, now::get, Page::place);
        off.feedUp();
        assertEquals(Optional.empty(), off.ticket(new Page("a", 1)));
        KeptCopies<Page, String> none = new KeptCopies<>(60_000, 0, now::get, Page::place);
        none.feedUp();
        assertEquals(Optional.empty(), none.ticket(new Page("a", 1)));
    }
}

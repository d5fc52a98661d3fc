package com.placebrain.devices.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A feed kept up through failed attempts and a loss, on real threads (retries of 250 ms and 500 ms). */
class FeedLoopTest {

    private final Logger log = Logger.getLogger(FeedLoopTest.class.getName() + ".loop");
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Test
    void theOwnerHearsOfEveryEndAndEachLossIsLoggedOnce() throws Exception {
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger downs = new AtomicInteger();
        CountDownLatch secondSessionUp = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FeedLoop loop = new FeedLoop("Test feed", "test-feed", "copies unused", up -> {
            int attempt = attempts.incrementAndGet();
            if (attempt <= 2) {
                throw new IllegalStateException("refused " + attempt);
            }
            if (attempt == 3) {
                up.run();
                throw new IllegalStateException("gone");
            }
            up.run();
            secondSessionUp.countDown();
            release.await();
        }, downs::incrementAndGet, Thread::new, log);

        loop.start();
        assertTrue(secondSessionUp.await(10, TimeUnit.SECONDS), "up again after the loss");
        assertEquals(3, downs.get(), "after each of the three ends");
        assertEquals(List.of("Test feed down (refused 1): copies unused until it is back",
                "Test feed down (gone): copies unused until it is back"), warnings,
                "one line for the failed attempts, one for the loss of a feed that was up");

        loop.stop(release::countDown, 2_000);
        assertEquals(4, downs.get(), "the stop ends the last session too");
        assertEquals(4, attempts.get(), "no session after the stop");
        assertEquals(2, warnings.size(), "a stop is not a loss");
    }
}

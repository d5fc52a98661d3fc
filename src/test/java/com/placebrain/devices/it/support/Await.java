package com.placebrain.devices.it.support;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Polling until something holds. {@code await} fails (AssertionError) naming what was awaited and
 * the last value seen; a probe that throws counts as "not yet" and is retried. {@code upTo} never
 * fails: it gives back the last value, for callers that judge it themselves.
 */
public final class Await {

    /** How long an effect may take to show unless the caller says otherwise (it.events.wait-seconds). */
    public static final Duration WAIT = Duration.ofSeconds(Long.getLong("it.events.wait-seconds", 20));
    /** How often to look unless the caller says otherwise. */
    public static final Duration EVERY = Duration.ofMillis(100);

    private Await() {
    }

    /** Polls {@code probe} every 100 ms for up to {@link #WAIT} until {@code done} holds; returns that value. */
    public static <T> T await(String what, Callable<T> probe, Predicate<T> done) {
        return await(what, WAIT, probe, done);
    }

    public static <T> T await(String what, Duration timeout, Callable<T> probe, Predicate<T> done) {
        return await(what, timeout, EVERY, probe, done);
    }

    public static <T> T await(String what, Duration timeout, Duration every, Callable<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (true) {
            try {
                T value = probe.call();
                if (done.test(value)) {
                    return value;
                }
                last = value;
            } catch (StatusRuntimeException e) {
                last = e.getStatus();
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError(what + ": not true within " + timeout + "; last observed: " + last);
            }
            sleep(every, what);
        }
    }

    /**
     * Polls {@code probe} every {@code every} until {@code done} holds or {@code timeout} has passed;
     * returns the last value either way. A probe that throws ends the wait with an AssertionError.
     */
    public static <T> T upTo(Duration timeout, Duration every, Callable<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = call(probe);
        while (!done.test(value) && System.nanoTime() < deadline) {
            sleep(every, "waiting");
            value = call(probe);
        }
        return value;
    }

    private static <T> T call(Callable<T> probe) {
        try {
            return probe.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("probe failed", e);
        }
    }

    private static void sleep(Duration every, String what) {
        try {
            Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted", e);
        }
    }
}

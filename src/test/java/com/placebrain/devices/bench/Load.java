package com.placebrain.devices.bench;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The closed loop every figure measures with: a fixed number of asynchronous calls in flight, a
 * new one started as soon as one ends, until a number of calls or a time is reached. Failures are
 * counted by kind (a gRPC status, an HTTP status, an exception), so a table row can say what
 * failed, not only how often.
 */
final class Load {

    private Load() {
    }

    /** Starts call number {@code index}; it must end by calling exactly one of {@code done}'s methods. */
    interface Call {
        void start(long index, Done done);
    }

    /** How a call ended. */
    interface Done {
        void ok();

        void failed(String why);
    }

    /** Calls that succeeded and failed (by kind), and the seconds they took. */
    record Result(long ok, long failed, Map<String, Long> failures, double seconds) {

        double perSecond() {
            return ok / seconds;
        }

        /** "" without failures, else " (N failed: kind ×n, …)". */
        String failureNote() {
            return failed == 0 ? "" : " (" + String.format("%,d", failed) + " failed: " + failures + ")";
        }
    }

    /** Runs for {@code seconds}, keeping {@code inFlight} calls going. */
    static Result forSeconds(double seconds, int inFlight, Call call) throws InterruptedException {
        return run(Long.MAX_VALUE, System.nanoTime() + (long) (seconds * 1e9), inFlight, call);
    }

    /** Runs {@code calls} calls, keeping {@code inFlight} going. */
    static Result forCalls(long calls, int inFlight, Call call) throws InterruptedException {
        return run(calls, Long.MAX_VALUE, inFlight, call);
    }

    private static Result run(long calls, long endNanos, int inFlight, Call call) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong ok = new AtomicLong();
        LongAdder failed = new LongAdder();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        Done done = new Done() {
            @Override
            public void ok() {
                ok.incrementAndGet();
                slots.release();
            }

            @Override
            public void failed(String why) {
                failed.increment();
                failures.merge(why.length() > 120 ? why.substring(0, 120) + "…" : why, 1L, Long::sum);
                slots.release();
            }
        };
        long began = System.nanoTime();
        for (long i = 0; i < calls && (endNanos == Long.MAX_VALUE || System.nanoTime() < endNanos); i++) {
            slots.acquire();
            try {
                call.start(i, done);
            } catch (RuntimeException e) {
                done.failed(e.toString());
            }
        }
        if (!slots.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls still in flight 60 s after the last one was started");
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        return new Result(ok.get(), failed.sum(), new TreeMap<>(failures), seconds);
    }

    /** A gRPC observer that ends the call: failed on an error or on an answer {@code accepted} refuses. */
    static <T> StreamObserver<T> observer(Done done, Predicate<T> accepted) {
        return new StreamObserver<>() {
            private boolean refused;

            @Override
            public void onNext(T value) {
                refused = !accepted.test(value);
            }

            @Override
            public void onError(Throwable t) {
                done.failed(t instanceof StatusRuntimeException e
                        ? e.getStatus().getCode() + ": " + e.getStatus().getDescription() : t.toString());
            }

            @Override
            public void onCompleted() {
                if (refused) {
                    done.failed("unexpected answer");
                } else {
                    done.ok();
                }
            }
        };
    }

    static <T> StreamObserver<T> observer(Done done) {
        return observer(done, value -> true);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

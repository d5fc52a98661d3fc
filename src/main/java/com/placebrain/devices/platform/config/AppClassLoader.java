package com.placebrain.devices.platform.config;

import java.util.function.Supplier;

/**
 * Runs code with the application's thread context class loader. Liberty runs gRPC handlers on
 * grpc-java's own executor threads, where it is not set, and provider look-ups (JSON-B) need
 * Liberty's context loader, which sees the features' implementations: the application's own
 * class loader does not. It is captured once, on a container thread, at start-up.
 */
public final class AppClassLoader {

    private static volatile ClassLoader contextLoader = AppClassLoader.class.getClassLoader();

    private AppClassLoader() {
    }

    /** Called at start-up on a thread the container set up for this application. */
    public static void captureFromCurrentThread() {
        contextLoader = Thread.currentThread().getContextClassLoader();
    }

    public static <T> T call(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(contextLoader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}

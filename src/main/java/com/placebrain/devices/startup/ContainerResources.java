package com.placebrain.devices.startup;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * What the runtime provides, as beans a constructor can take (a constructor cannot take a
 * {@code @Resource}): the clock, and the managed threads for work that outlives a request.
 */
@ApplicationScoped
public class ContainerResources {

    @Resource
    ManagedExecutorService managedExecutor;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory managedThreads;

    @Produces
    InstantSource clock() {
        return InstantSource.system();
    }

    @Produces
    Executor managedExecutor() {
        return managedExecutor;
    }

    /** For a thread that runs for the application's whole life (e.g. a Redis subscription). */
    @Produces
    ThreadFactory managedThreads() {
        return managedThreads;
    }
}

package com.placebrain.devices.startup;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.InstantSource;
import java.util.concurrent.Executor;

/**
 * What the runtime provides, as beans a constructor can take (a constructor cannot take a
 * {@code @Resource}): the clock, and the managed threads for work that outlives a request.
 */
@ApplicationScoped
public class ContainerResources {

    @Resource
    ManagedExecutorService managedExecutor;

    @Produces
    InstantSource clock() {
        return InstantSource.system();
    }

    @Produces
    Executor managedExecutor() {
        return managedExecutor;
    }
}

package com.placebrain.devices.it;

import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;

/**
 * Integration tests extend this: Arquillian deploys the application exactly as built to the
 * Liberty server under test, and the tests talk to it as clients over the wire.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ServiceDeployment {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TestEnvironment.application();
    }

    /**
     * Until the role cache is known to be complete (after Redis lost its data, e.g. in an outage
     * test, or a first start), a user without a role gets UNAVAILABLE rather than PERMISSION_DENIED:
     * tests expecting the refusal start once the server's rebuild is done.
     */
    @BeforeAll
    static void roleCacheComplete() throws InterruptedException {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!redis.exists("role_cache:ready") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
    }
}

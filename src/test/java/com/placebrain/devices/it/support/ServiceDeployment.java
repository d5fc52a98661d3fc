package com.placebrain.devices.it.support;

import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Integration tests extend this: Arquillian deploys the application exactly as built to the
 * Liberty server under test, and the tests talk to it as clients over the wire. While a test
 * class runs, {@link #client} calls the server, {@link #roles} grants roles in its role cache and
 * {@link #fixture} makes data through it; all three are closed (and the roles taken back) after
 * the class's last test.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ServiceDeployment {

    protected static ServiceClient client;
    protected static RoleFixture roles;
    protected static Fixture fixture;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TestEnvironment.application();
    }

    /**
     * Until the role cache is known to be complete (after Redis lost its data, e.g. in an outage
     * test, or a first start), a user without a role gets UNAVAILABLE rather than PERMISSION_DENIED:
     * tests expecting the refusal start once the server's rebuild is done (or after 60 s, regardless).
     */
    @BeforeAll
    static void openSupport() {
        client = ServiceClient.open();
        roles = new RoleFixture();
        fixture = new Fixture(client, roles);
        Await.upTo(Duration.ofSeconds(60), Await.EVERY, roles::cacheReady, Boolean::booleanValue);
    }

    @AfterAll
    static void closeSupport() {
        try {
            if (roles != null) {
                roles.close();
            }
        } finally {
            if (client != null) {
                client.close();
            }
            roles = null;
            client = null;
            fixture = null;
        }
    }
}

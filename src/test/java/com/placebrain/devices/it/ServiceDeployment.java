package com.placebrain.devices.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

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
}

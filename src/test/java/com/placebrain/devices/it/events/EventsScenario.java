package com.placebrain.devices.it.events;

import com.placebrain.devices.it.support.ServiceDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The event tests: besides the support of every IT, one {@link EventsKit} per test class, open while its tests run. */
abstract class EventsScenario extends ServiceDeployment {

    static EventsKit kit;

    @BeforeAll
    static void openKit() {
        kit = new EventsKit(client, roles, fixture);
    }

    @AfterAll
    static void closeKit() {
        if (kit != null) {
            kit.close();
            kit = null;
        }
    }
}

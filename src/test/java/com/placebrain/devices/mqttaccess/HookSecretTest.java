package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class HookSecretTest {

    private static HookSecret secret(String configured) {
        Map<String, String> values = new HashMap<>();
        values.put(MqttAccessSettings.HOOK_SECRET, configured);
        return new HookSecret(AccessWiring.accessSettings(values));
    }

    @Test
    void withoutASecretStartUpWarnsThatAnyoneMayUseTheHooks() {
        for (String unset : new String[] {null, ""}) {
            try (LogCapture log = new LogCapture(HookSecret.class)) {
                HookSecret open = secret(unset);
                open.warnIfUnset(null);
                List<String> warnings = log.at(Level.WARNING);
                assertEquals(1, warnings.size(), warnings.toString());
                assertTrue(warnings.get(0).contains("devices.emqx.hook-secret is not set"), warnings.get(0));
                assertTrue(open.admits(null));
                assertTrue(open.admits("anything"));
            }
        }
    }

    @Test
    void withASecretOnlyItIsAdmittedAndNothingIsLogged() {
        try (LogCapture log = new LogCapture(HookSecret.class)) {
            HookSecret guarded = secret("hook-secret-1");
            guarded.warnIfUnset(null);
            assertEquals(List.of(), log.records.stream().map(r -> r.getMessage()).toList());
            assertTrue(guarded.admits("hook-secret-1"));
            assertFalse(guarded.admits(null));
            assertFalse(guarded.admits(""));
            assertFalse(guarded.admits("hook-secret-2"));
            assertFalse(guarded.admits("hook-secret-1 "));
        }
    }
}

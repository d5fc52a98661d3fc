package com.placebrain.devices.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.config.InvalidSettingsException;
import com.placebrain.devices.platform.config.MapConfig;
import com.placebrain.devices.platform.config.SettingsReader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleSettingsTest {

    /** The channels' topics as microprofile-config.properties sets them. */
    private static Map<String, String> channels() {
        Map<String, String> values = new HashMap<>();
        values.put("mp.messaging.incoming.member-added.topic", "places.member.added");
        values.put("mp.messaging.incoming.member-role-changed.topic", "places.member.role-changed");
        values.put("mp.messaging.incoming.member-removed.topic", "places.member.removed");
        values.put("mp.messaging.incoming.place-deleted.topic", "places.place.deleted");
        return values;
    }

    private static RoleSettings read(Map<String, String> values) {
        return SettingsReader.build(new MapConfig(values), RoleSettings::read);
    }

    @Test
    void theRebuildReadsTheTopicsTheChannelsConsume() {
        Map<String, String> values = channels();
        values.put("mp.messaging.incoming.member-removed.topic", "staging.member.removed");
        RoleSettings settings = read(values);
        assertEquals(Map.of("places.member.added", "member-added", "places.member.role-changed", "member-role-changed",
                "staging.member.removed", "member-removed", "places.place.deleted", "place-deleted"),
                settings.channelOfTopic());
        assertEquals(5000, settings.checkIntervalMillis());
    }

    @Test
    void everyBadKeyStopsStartUpNamingIt() {
        Map<String, String> values = channels();
        values.remove("mp.messaging.incoming.member-added.topic");
        values.put("mp.messaging.incoming.member-removed.topic", "places member removed");
        values.put("mp.messaging.incoming.place-deleted.topic", "places.member.role-changed");
        values.put("devices.roles.check-interval-ms", "0");
        String message = assertThrows(InvalidSettingsException.class, () -> read(values)).getMessage();
        assertTrue(message.contains("mp.messaging.incoming.member-added.topic is missing"), message);
        assertTrue(message.contains("mp.messaging.incoming.member-removed.topic is invalid"), message);
        assertTrue(message.contains("mp.messaging.incoming.place-deleted.topic is invalid"), message);
        assertTrue(message.contains("devices.roles.check-interval-ms is invalid"), message);
    }
}

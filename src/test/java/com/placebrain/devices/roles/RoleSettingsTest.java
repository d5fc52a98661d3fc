package com.placebrain.devices.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.config.InvalidSettingsException;
import com.placebrain.devices.platform.config.MapConfig;
import com.placebrain.devices.platform.config.SettingsReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleSettingsTest {

    @Test
    void theRebuildReadsTheTopicsTheChannelsConsume() {
        RoleSettings settings = SettingsReader.build(
                MapConfig.shippedWith(Map.of("mp.messaging.incoming.member-removed.topic", "staging.member.removed")),
                RoleSettings::read);
        assertEquals(Map.of("places.member.added", "member-added", "places.member.role-changed", "member-role-changed",
                "staging.member.removed", "member-removed", "places.place.deleted", "place-deleted"),
                settings.channelOfTopic());
    }

    @Test
    void everyBadTopicStopsStartUpNamingItsKey() {
        MapConfig config = MapConfig.shippedWith(Map.of(
                "mp.messaging.incoming.member-added.topic", "",
                "mp.messaging.incoming.member-removed.topic", "places member removed",
                "mp.messaging.incoming.place-deleted.topic", "places.member.role-changed"));
        String message = assertThrows(InvalidSettingsException.class,
                () -> SettingsReader.build(config, RoleSettings::read)).getMessage();
        assertTrue(message.contains("mp.messaging.incoming.member-added.topic is missing"), message);
        assertTrue(message.contains("mp.messaging.incoming.member-removed.topic is invalid"), message);
        assertTrue(message.contains("mp.messaging.incoming.place-deleted.topic is invalid"), message);
    }
}

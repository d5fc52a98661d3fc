package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.placebrain.devices.devices.DeviceTokensRevoked;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-request MQTT authorization against the real Redis (role cache included). */
class MqttAclServiceTest {

    private final UUID place = UUID.randomUUID();
    private final UUID otherPlace = UUID.randomUUID();
    private final UUID device = UUID.randomUUID();
    private final UUID sibling = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    private TestRedis redis;
    private AccessWiring world;

    @BeforeEach
    void setUp() {
        redis = new TestRedis();
        world = new AccessWiring(redis);
        world.directory.put(device, place, "token");
        world.directory.put(sibling, place, "token-2");
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    private Verdict check(String username, String topic, String action) {
        return world.acl.check(username, topic, action);
    }

    private String deviceTopic(UUID p, UUID d, String kind) {
        return "placebrain/" + p + "/devices/" + d + "/" + kind;
    }

    @Test
    void aDeviceMayOnlyUseItsOwnTopics() {
        String me = "device:" + device;
        assertAll(
                () -> assertEquals(Verdict.ALLOW, check(me, deviceTopic(place, device, "telemetry"), "publish")),
                () -> assertEquals(Verdict.ALLOW, check(me, deviceTopic(place, device, "status"), "PUBLISH")),
                () -> assertEquals(Verdict.ALLOW, check(me, deviceTopic(place, device, "command"), "subscribe")),
                () -> assertEquals(Verdict.DENY, check(me, deviceTopic(place, device, "command"), "publish")),
                () -> assertEquals(Verdict.DENY, check(me, deviceTopic(place, sibling, "telemetry"), "publish")),
                () -> assertEquals(Verdict.DENY, check(me, deviceTopic(otherPlace, device, "telemetry"), "publish")),
                () -> assertEquals(Verdict.DENY, check(me, "placebrain/" + place + "/#", "subscribe")),
                () -> assertEquals(Verdict.ALLOW, check("device:" + device.toString().toUpperCase(Locale.ROOT),
                        deviceTopic(place, device, "telemetry"), "publish")),
                () -> assertEquals(Verdict.DENY, check(me, "placebrain/" + place.toString().toUpperCase(Locale.ROOT)
                        + "/devices/" + device.toString().toUpperCase(Locale.ROOT) + "/telemetry", "publish")),
                () -> assertEquals(Verdict.DENY, check("device:" + UUID.randomUUID(),
                        deviceTopic(place, device, "telemetry"), "publish")));
    }

    @Test
    void aDevicesPlaceIsCachedUntilItsCredentialsAreRevoked() {
        String me = "device:" + device;
        String telemetry = deviceTopic(place, device, "telemetry");
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.ALLOW, check(me, telemetry, "publish"));
        }
        assertEquals(1, world.directory.lookups.get());

        world.directory.remove(device);
        world.revocation.revokeNow(new DeviceTokensRevoked(Set.of(device)));

        assertEquals(Verdict.DENY, check(me, telemetry, "publish"), "deleted device");
        assertEquals(2, world.directory.lookups.get());
    }

    @Test
    void aLoginFillsThePlaceCache() {
        assertEquals(Verdict.ALLOW, world.auth.authenticate("device:" + device, "token").verdict());
        int afterLogin = world.directory.lookups.get();
        assertEquals(Verdict.ALLOW, check("device:" + device, deviceTopic(place, device, "status"), "publish"));
        assertEquals(afterLogin, world.directory.lookups.get());
    }

    @Test
    void aUserFollowsTheCurrentRoleCache() {
        String me = "user:" + user;
        String everything = "placebrain/" + place + "/#";
        assertEquals(Verdict.DENY, check(me, everything, "subscribe"), "no role yet");

        world.userPlaces(user, place);
        assertAll(
                () -> assertEquals(Verdict.ALLOW, check(me, everything, "subscribe")),
                () -> assertEquals(Verdict.ALLOW, check(me, deviceTopic(place, device, "telemetry"), "subscribe")),
                () -> assertEquals(Verdict.DENY, check(me, deviceTopic(place, device, "command"), "publish")),
                () -> assertEquals(Verdict.DENY, check(me, "placebrain/" + otherPlace + "/#", "subscribe")),
                () -> assertEquals(Verdict.DENY, check(me, "placebrain/#", "subscribe")));

        world.removeUserPlace(user, place);
        assertEquals(Verdict.DENY, check(me, everything, "subscribe"), "role removed: denied at once");
    }

    @Test
    void theCollectorReadsEveryDeviceAndPublishesAlerts() {
        assertAll(
                () -> assertEquals(Verdict.ALLOW, check("collector", "placebrain/+/devices/+/telemetry", "subscribe")),
                () -> assertEquals(Verdict.ALLOW, check("collector", "placebrain/+/devices/+/status", "subscribe")),
                () -> assertEquals(Verdict.ALLOW, check("collector", "placebrain/" + place + "/alerts", "publish")),
                () -> assertEquals(Verdict.DENY, check("collector", deviceTopic(place, device, "command"), "publish")));
    }

    @Test
    void theServicePublishesCommandsToAnyDeviceAndDoesNothingElse() {
        String me = AccessWiring.SERVICE_USERNAME;
        String elsewhere = deviceTopic(UUID.randomUUID(), UUID.randomUUID(), "command");
        assertAll(
                () -> assertEquals(Verdict.ALLOW, check(me, deviceTopic(place, device, "command"), "publish")),
                () -> assertEquals(Verdict.ALLOW, check(me, elsewhere, "publish"), "a device it has never heard of"),
                () -> assertEquals(Verdict.DENY, check(me, deviceTopic(place, device, "command"), "subscribe")),
                () -> assertEquals(Verdict.DENY, check(me, "placebrain/+/devices/+/command", "subscribe")),
                () -> assertEquals(Verdict.DENY, check(me, deviceTopic(place, device, "telemetry"), "publish")),
                () -> assertEquals(Verdict.DENY, check(me, deviceTopic(place, device, "status"), "publish")),
                () -> assertEquals(Verdict.DENY, check(me, "placebrain/" + place + "/alerts", "publish")),
                () -> assertEquals(Verdict.DENY, check(me, deviceTopic(place, device, "command") + "/x", "publish")),
                () -> assertEquals(Verdict.DENY, check(me, "placebrain/" + place.toString().toUpperCase(Locale.ROOT)
                        + "/devices/" + device + "/command", "publish"), "an upper-case id is another topic"),
                () -> assertEquals(Verdict.DENY, check(me, "$delayed/5/" + deviceTopic(place, device, "command"), "publish")),
                () -> assertEquals(Verdict.DENY, check(me, "#", "subscribe")));
    }

    @Test
    void anUnconfiguredServiceLoginIsNotOurs() {
        world = world.withServiceLogin(AccessWiring.SERVICE_USERNAME, null);
        assertEquals(Verdict.IGNORE, check(AccessWiring.SERVICE_USERNAME, deviceTopic(place, device, "command"), "publish"));
    }

    @Test
    void foreignIsIgnoredWhileMalformedRequestsAreDeniedWithoutLookUps() {
        String telemetry = deviceTopic(place, device, "telemetry");
        assertAll(
                () -> assertEquals(Verdict.IGNORE, check("dashboard", telemetry, "subscribe")),
                () -> assertFalse(check("dashboard", telemetry, "subscribe").allowed()),
                () -> assertEquals(Verdict.DENY, check("device:nope", telemetry, "publish")),
                () -> assertEquals(Verdict.DENY, check("device:" + device, telemetry, "all")),
                () -> assertEquals(Verdict.DENY, check("device:" + device, telemetry, null)),
                () -> assertEquals(Verdict.DENY, check("device:" + device, null, "publish")),
                () -> assertEquals(Verdict.DENY, check("device:" + device, telemetry + "/#", "publish")),
                () -> assertEquals(Verdict.DENY, check("device:" + device, "$SYS/broker", "subscribe")));
        assertEquals(0, world.directory.lookups.get());
    }

    @Test
    void verdictsSpeakTheHooksWords() {
        assertEquals(List.of("allow", "deny", "ignore"),
                List.of(Verdict.ALLOW.wireName(), Verdict.DENY.wireName(), Verdict.IGNORE.wireName()));
    }
}

package com.placebrain.devices.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.kafka.PoisonRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one reading of member records, for live consumption and the role cache's rebuild alike. */
class MemberEventTest {

    private static final UUID PLACE = UUID.fromString("0190f3c2-7a4b-7c3d-8e5f-a1b2c3d4e5f6");
    private static final UUID USER = UUID.fromString("0190f3c2-7a4b-7c3d-8e5f-000000000001");
    private static final long TIMESTAMP = 1_776_420_930_000L;
    private static final long OFFSET = 42;
    private static final String VERSION = RoleCache.version(TIMESTAMP, OFFSET);

    private static ConsumerRecord<String, String> record(String value) {
        return new ConsumerRecord<>("any-topic", 0, OFFSET, TIMESTAMP, TimestampType.CREATE_TIME, 0, 0, null, value,
                new RecordHeaders(), Optional.empty());
    }

    @Test
    void eachChannelsRecordIsItsEventWithTheRecordsVersion() {
        String member = "{\"place_id\":\"" + PLACE + "\",\"user_id\":\"" + USER + "\",\"role\":\"admin\"}";
        assertEquals(new MemberEvent.RoleGranted(PLACE, USER, Role.ADMIN, VERSION),
                MemberEvent.read(MemberEvent.MEMBER_ADDED, record(member)));
        assertEquals(new MemberEvent.RoleGranted(PLACE, USER, Role.ADMIN, VERSION),
                MemberEvent.read(MemberEvent.MEMBER_ROLE_CHANGED, record(member)));
        assertEquals(new MemberEvent.MemberRemoved(PLACE, USER, VERSION),
                MemberEvent.read(MemberEvent.MEMBER_REMOVED, record(member)));
        assertEquals(new MemberEvent.PlaceDeleted(PLACE, List.of(USER), VERSION),
                MemberEvent.read(MemberEvent.PLACE_DELETED,
                        record("{\"place_id\":\"" + PLACE + "\",\"member_ids\":[\"" + USER + "\"]}")));
    }

    /** What the live consumer dead-letters; the rebuild, reading by the same rule, skips it too. */
    @ParameterizedTest(name = "[{index}] {0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            member-added   | {"place_id":"1-2-3-4-5","user_id":"0190f3c2-7a4b-7c3d-8e5f-000000000001","role":"owner"} | 'place_id' must be a UUID
            member-removed | {"place_id":"0190f3c2-7a4b-7c3d-8e5f-a1b2c3d4e5f6","user_id":"1-2-3-4-5"}                | 'user_id' must be a UUID
            member-added   | {"place_id":"0190f3c2-7a4b-7c3d-8e5f-a1b2c3d4e5f6","user_id":"0190f3c2-7a4b-7c3d-8e5f-000000000001","role":"superuser"} | unknown role 'superuser'
            member-removed | {"place_id":"0190f3c2-7a4b-7c3d-8e5f-a1b2c3d4e5f6"}                                      | 'user_id' must be a string
            place-deleted  | {"place_id":"0190f3c2-7a4b-7c3d-8e5f-a1b2c3d4e5f6"}                                      | 'member_ids' must be an array
            place-deleted  | [1]                                                                                         | value is not a JSON object
            """)
    void aMalformedRecordIsPoison(String channel, String value, String reason) {
        PoisonRecord poison = assertThrows(PoisonRecord.class, () -> MemberEvent.read(channel, record(value)));
        assertTrue(poison.getMessage().contains(reason), poison.getMessage());
    }
}

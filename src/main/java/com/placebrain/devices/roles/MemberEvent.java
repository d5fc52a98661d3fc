package com.placebrain.devices.roles;

import static com.placebrain.devices.platform.kafka.EventJson.object;
import static com.placebrain.devices.platform.kafka.EventJson.string;
import static com.placebrain.devices.platform.kafka.EventJson.uuid;
import static com.placebrain.devices.platform.kafka.EventJson.uuids;

import com.placebrain.devices.platform.kafka.PoisonRecord;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record of the places service's member and place topics (CONTRACT §2), read by one rule for
 * live consumption and for the role cache's rebuild: a record the live consumer dead-letters is
 * one the rebuild skips. Each topic is consumed through a channel of ours, whose topic is
 * configured as {@code mp.messaging.incoming.<channel>.topic}.
 */
public sealed interface MemberEvent {

    String MEMBER_ADDED = "member-added";
    String MEMBER_ROLE_CHANGED = "member-role-changed";
    String MEMBER_REMOVED = "member-removed";
    String PLACE_DELETED = "place-deleted";
    List<String> CHANNELS = List.of(MEMBER_ADDED, MEMBER_ROLE_CHANGED, MEMBER_REMOVED, PLACE_DELETED);

    UUID placeId();

    /** Orders the events of one (place, user) across the topics; see {@link RoleCache#version}. */
    String version();

    /** member.added and member.role-changed. */
    record RoleGranted(UUID placeId, UUID userId, Role role, String version) implements MemberEvent {
    }

    record MemberRemoved(UUID placeId, UUID userId, String version) implements MemberEvent {
    }

    /** @param memberIds the members the places service knew of; the role cache may know more */
    record PlaceDeleted(UUID placeId, List<UUID> memberIds, String version) implements MemberEvent {
    }

    /** The event a record consumed through {@code channel} holds; {@link PoisonRecord} when it is malformed. */
    static MemberEvent read(String channel, ConsumerRecord<String, String> record) {
        JsonObject value = object(record.value());
        String version = RoleCache.version(record.timestamp(), record.offset());
        return switch (channel) {
            case MEMBER_ADDED, MEMBER_ROLE_CHANGED -> {
                String roleName = string(value, "role");
                Role role = Role.fromWire(roleName).orElseThrow(() -> new PoisonRecord("unknown role '" + roleName + "'"));
                yield new RoleGranted(uuid(value, "place_id"), uuid(value, "user_id"), role, version);
            }
            case MEMBER_REMOVED -> new MemberRemoved(uuid(value, "place_id"), uuid(value, "user_id"), version);
            case PLACE_DELETED -> new PlaceDeleted(uuid(value, "place_id"), uuids(value, "member_ids"), version);
            default -> throw new IllegalArgumentException("not a member channel: " + channel);
        };
    }
}

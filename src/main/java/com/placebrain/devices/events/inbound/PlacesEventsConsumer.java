package com.placebrain.devices.events.inbound;

import static com.placebrain.devices.events.inbound.EventJson.object;
import static com.placebrain.devices.events.inbound.EventJson.string;
import static com.placebrain.devices.events.inbound.EventJson.uuid;
import static com.placebrain.devices.events.inbound.EventJson.uuids;

import com.placebrain.devices.places.PlaceDeletion;
import com.placebrain.devices.roles.MembershipService;
import com.placebrain.devices.roles.Role;
import com.placebrain.devices.roles.RoleCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The places service's events (CONTRACT §2): parse, then delegate. */
@ApplicationScoped
public class PlacesEventsConsumer {

    @Inject
    InboundProcessing processing;

    @Inject
    MembershipService membership;

    @Inject
    PlaceDeletion placeDeletion;

    @Incoming("member-added")
    public CompletionStage<Void> memberAdded(Message<String> message) {
        return processing.handle(message, this::roleGranted);
    }

    @Incoming("member-role-changed")
    public CompletionStage<Void> memberRoleChanged(Message<String> message) {
        return processing.handle(message, this::roleGranted);
    }

    @Incoming("member-removed")
    public CompletionStage<Void> memberRemoved(Message<String> message) {
        return processing.handle(message, record -> {
            JsonObject value = object(record.value());
            membership.memberRemoved(uuid(value, "place_id"), uuid(value, "user_id"), version(record));
        });
    }

    @Incoming("place-deleted")
    public CompletionStage<Void> placeDeleted(Message<String> message) {
        return processing.handle(message, record -> {
            JsonObject value = object(record.value());
            placeDeletion.placeDeleted(uuid(value, "place_id"), uuids(value, "member_ids"), version(record));
        });
    }

    private void roleGranted(ConsumerRecord<String, String> record) {
        JsonObject value = object(record.value());
        String roleName = string(value, "role");
        Role role = Role.fromWire(roleName).orElseThrow(() -> new PoisonRecord("unknown role '" + roleName + "'"));
        membership.roleGranted(uuid(value, "place_id"), uuid(value, "user_id"), role, version(record));
    }

    static String version(ConsumerRecord<?, ?> record) {
        return RoleCache.version(record.timestamp(), record.offset());
    }
}

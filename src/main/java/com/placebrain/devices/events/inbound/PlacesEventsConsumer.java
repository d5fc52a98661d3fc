package com.placebrain.devices.events.inbound;

import com.placebrain.devices.places.MembershipChanges;
import com.placebrain.devices.places.PlaceDeletion;
import com.placebrain.devices.roles.MemberEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The places service's events (CONTRACT §2): read ({@link MemberEvent}), then delegate. */
@ApplicationScoped
public class PlacesEventsConsumer {

    @Inject
    InboundProcessing processing;

    @Inject
    MembershipChanges membership;

    @Inject
    PlaceDeletion placeDeletion;

    @Incoming(MemberEvent.MEMBER_ADDED)
    public CompletionStage<Void> memberAdded(Message<String> message) {
        return handle(MemberEvent.MEMBER_ADDED, message);
    }

    @Incoming(MemberEvent.MEMBER_ROLE_CHANGED)
    public CompletionStage<Void> memberRoleChanged(Message<String> message) {
        return handle(MemberEvent.MEMBER_ROLE_CHANGED, message);
    }

    @Incoming(MemberEvent.MEMBER_REMOVED)
    public CompletionStage<Void> memberRemoved(Message<String> message) {
        return handle(MemberEvent.MEMBER_REMOVED, message);
    }

    @Incoming(MemberEvent.PLACE_DELETED)
    public CompletionStage<Void> placeDeleted(Message<String> message) {
        return handle(MemberEvent.PLACE_DELETED, message);
    }

    private CompletionStage<Void> handle(String channel, Message<String> message) {
        return processing.handle(message, record -> {
            switch (MemberEvent.read(channel, record)) {
                case MemberEvent.RoleGranted granted -> membership.roleGranted(granted);
                case MemberEvent.MemberRemoved removed -> membership.memberRemoved(removed);
                case MemberEvent.PlaceDeleted deleted -> placeDeletion.placeDeleted(deleted);
            }
        });
    }
}

package com.placebrain.devices.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.events.outbound.DevicesBulkDeleted;
import com.placebrain.devices.events.outbound.OutboundEvent;
import com.placebrain.devices.events.outbox.Outbox;
import com.placebrain.devices.platform.persistence.Clock;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DeviceService rules that need no database, on an in-memory repository. */
class DeviceServiceTest {

    private final UUID place = UUID.randomUUID();
    private final Device device = new Device(UUID.randomUUID(), place, "hall sensor", "hash", null, Clock.now());
    private final DeviceService service = new DeviceService();
    private final InMemoryDevices devices = new InMemoryDevices();
    private final RecordedEvents<DeviceTokensRevoked> revocations = new RecordedEvents<>();
    private final RecordedEvents<DevicesRemoved> removals = new RecordedEvents<>();
    private final RecordedEvents<DevicesChanged> changes = new RecordedEvents<>();
    private final RecordedOutbox outbox = new RecordedOutbox();

    private static final class InMemoryDevices extends DeviceRepository {
        final Map<UUID, Device> byId = new HashMap<>();
        int placeDeletions;

        @Override
        public Optional<Device> find(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public List<UUID> deleteAllOfPlace(UUID placeId) {
            placeDeletions++;
            List<UUID> ids = byId.values().stream().filter(d -> d.placeId().equals(placeId)).map(Device::id).toList();
            ids.forEach(byId::remove);
            return ids;
        }
    }

    /** The events fired, in order; nothing else of Event is used. */
    private static final class RecordedEvents<E> implements Event<E> {
        final List<E> fired = new ArrayList<>();

        @Override
        public void fire(E event) {
            fired.add(event);
        }

        @Override
        public <U extends E> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends E> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<E> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends E> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends E> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class RecordedOutbox extends Outbox {
        final List<OutboundEvent> recorded = new ArrayList<>();

        @Override
        public void record(OutboundEvent event) {
            recorded.add(event);
        }
    }

    @BeforeEach
    void setUp() {
        devices.byId.put(device.id(), device);
        service.devices = devices;
        service.tokensRevoked = revocations;
        service.removed = removals;
        service.changed = changes;
        service.outbox = outbox;
    }

    @Test
    void lastSeenNeverMovesBackwardsNorBeyondNow() {
        OffsetDateTime taken = Clock.now().minusMinutes(5);
        device.seen(taken, Clock.now());
        device.seen(taken.minusDays(3), Clock.now());
        assertEquals(taken, device.lastSeenAt(), "an older reading replayed");
        OffsetDateTime before = Clock.now();
        device.seen(before.plusYears(1), Clock.now());
        assertFalse(device.lastSeenAt().isBefore(before), device.lastSeenAt().toString());
        assertFalse(device.lastSeenAt().isAfter(Clock.now()), "a device's clock ahead is not believed");
    }

    @Test
    void aStatusOlderThanTheLastOneAppliedIsIgnored() {
        OffsetDateTime online = Clock.now().minusSeconds(10);
        assertTrue(device.reportStatus(DeviceStatus.ONLINE, online, Clock.now()));
        assertFalse(device.reportStatus(DeviceStatus.OFFLINE, online.minusSeconds(5), Clock.now()));
        assertEquals(DeviceStatus.ONLINE, device.status(), "the late, older offline lost");
        assertEquals(online, device.lastSeenAt(), "online marks the device seen at the status's time");
        assertTrue(device.reportStatus(DeviceStatus.OFFLINE, online.plusSeconds(1), Clock.now()));
        assertEquals(DeviceStatus.OFFLINE, device.status());
        assertEquals(online, device.lastSeenAt());
    }

    @Test
    void deletingAPlaceReportsExactlyWhatTheOneDeleteRemoved() {
        Device second = new Device(UUID.randomUUID(), place, "porch sensor", "hash", null, Clock.now());
        Device elsewhere = new Device(UUID.randomUUID(), UUID.randomUUID(), "other place", "hash", null, Clock.now());
        devices.byId.put(second.id(), second);
        devices.byId.put(elsewhere.id(), elsewhere);

        List<UUID> deleted = service.deleteAllOfPlace(place.toString());

        Set<UUID> expected = Set.of(device.id(), second.id());
        assertEquals(expected, Set.copyOf(deleted));
        assertEquals(1, devices.placeDeletions);
        assertEquals(List.of(new DeviceTokensRevoked(expected)), revocations.fired);
        assertEquals(List.of(new DevicesRemoved(expected)), removals.fired);
        assertEquals(List.of(new DevicesChanged(place, expected)), changes.fired, "this replica's copies dropped");
        assertEquals(List.of(new DevicesBulkDeleted(place, deleted)), outbox.recorded);
        assertEquals(Set.of(elsewhere.id()), devices.byId.keySet());
    }

    @Test
    void deletingAPlaceWithoutDevicesPublishesNothing() {
        assertEquals(List.of(), service.deleteAllOfPlace(UUID.randomUUID().toString()));
        assertEquals(List.of(), removals.fired);
        assertEquals(List.of(), outbox.recorded);
    }
}

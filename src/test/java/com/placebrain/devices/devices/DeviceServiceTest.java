package com.placebrain.devices.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.placebrain.devices.platform.persistence.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DeviceService rules that need no database, on an in-memory repository. */
class DeviceServiceTest {

    private final UUID place = UUID.randomUUID();
    private final Device device = new Device(UUID.randomUUID(), place, "hall sensor", "hash", Clock.now());
    private final DeviceService service = new DeviceService();

    private static final class InMemoryDevices extends DeviceRepository {
        final Map<UUID, Device> byId = new HashMap<>();

        @Override
        public Optional<Device> find(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }
    }

    @BeforeEach
    void setUp() {
        InMemoryDevices devices = new InMemoryDevices();
        devices.byId.put(device.id(), device);
        service.devices = devices;
    }

    @Test
    void aReadingUnderItsPlaceMarksTheDeviceSeen() {
        assertEquals(Optional.of(place), service.seen(place, device.id()));
        assertNotNull(device.lastSeenAt());
    }

    @Test
    void aReadingUnderAnotherPlaceReportsThePlaceButDoesNotMarkTheDeviceSeen() {
        assertEquals(Optional.of(place), service.seen(UUID.randomUUID(), device.id()));
        assertNull(device.lastSeenAt());
    }

    @Test
    void anUnknownDeviceHasNoPlace() {
        assertEquals(Optional.empty(), service.seen(place, UUID.randomUUID()));
    }
}

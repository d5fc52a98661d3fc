package com.placebrain.devices.readings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.devices.DeviceService;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** ReadingIngest on the real Redis, with the registry and the readings store stood in for. */
class ReadingIngestTest {

    private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-04-17T10:15:30Z");
    private static final Map<String, Double> VALUES = Map.of("temperature", 21.5);

    private final UUID place = UUID.randomUUID();
    private final UUID otherPlace = UUID.randomUUID();
    private final UUID device = UUID.randomUUID();
    private final UUID unknownDevice = UUID.randomUUID();

    private final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    private final Registry registry = new Registry();
    private final RecordedReadings recorded = new RecordedReadings();
    private final ReadingIngest ingest = new ReadingIngest(recorded, registry, redis, new ReadingSettings(60_000));

    /** Devices by id with their place; counts look-ups. */
    private static final class Registry extends DeviceService {
        final Map<UUID, UUID> placeOf = new HashMap<>();
        int lookups;

        @Override
        public Optional<UUID> seen(UUID placeId, UUID deviceId, OffsetDateTime at) {
            lookups++;
            return Optional.ofNullable(placeOf.get(deviceId));
        }
    }

    private static final class RecordedReadings extends LatestReadings {
        final List<UUID> devices = new ArrayList<>();
        final List<OffsetDateTime> times = new ArrayList<>();

        @Override
        public void record(UUID deviceId, OffsetDateTime time, Map<String, Double> values) {
            devices.add(deviceId);
            times.add(time);
        }
    }

    @BeforeEach
    void setUp() {
        registry.placeOf.put(device, place);
    }

    @AfterEach
    void tearDown() {
        redis.del(ReadingIngest.SEEN_THROTTLE + device, ReadingIngest.SEEN_THROTTLE + unknownDevice);
        redis.close();
    }

    @Test
    void readingsAreKeptOnlyUnderTheDevicesOwnPlace() {
        ingest.readingsReceived(place, device, TIME, VALUES);
        ingest.readingsReceived(otherPlace, device, TIME, VALUES);
        ingest.readingsReceived(place, device, TIME, VALUES);

        assertEquals(List.of(device, device), recorded.devices);
        assertEquals(1, registry.lookups, "the device's place is looked up once per throttle window");
        assertEquals(place.toString(), redis.get(ReadingIngest.SEEN_THROTTLE + device));
    }

    @Test
    void aRecordNamingTheWrongPlaceFirstDoesNotDropTheDevicesReadings() {
        ingest.readingsReceived(otherPlace, device, TIME, VALUES);
        ingest.readingsReceived(place, device, TIME, VALUES);

        assertEquals(List.of(device), recorded.devices);
        assertEquals(1, registry.lookups);
    }

    @Test
    void readingsOfAnUnknownDeviceAreDropped() {
        ingest.readingsReceived(place, unknownDevice, TIME, VALUES);
        ingest.readingsReceived(place, unknownDevice, TIME, VALUES);

        assertEquals(List.of(), recorded.devices);
        assertEquals(1, registry.lookups);
        assertEquals(ReadingIngest.NO_DEVICE, redis.get(ReadingIngest.SEEN_THROTTLE + unknownDevice));
    }

    @Test
    void aReadingFromTheFutureIsKeptAsTakenNow() {
        OffsetDateTime before = OffsetDateTime.now(java.time.ZoneOffset.UTC);
        ingest.readingsReceived(place, device, before.plusYears(3), VALUES);
        OffsetDateTime kept = recorded.times.get(0);
        assertTrue(!kept.isBefore(before.minusSeconds(1)) && !kept.isAfter(OffsetDateTime.now(java.time.ZoneOffset.UTC)),
                "a device's clock ahead counts as now: " + kept);
    }
}

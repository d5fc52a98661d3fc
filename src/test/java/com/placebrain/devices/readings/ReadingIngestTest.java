package com.placebrain.devices.readings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.devices.DeviceRepository;
import com.placebrain.devices.devices.DeviceService;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Devices by id with their place; records the sightings looked up, group by group. */
    private static final class Registry extends DeviceService {
        final Map<UUID, UUID> placeOf = new HashMap<>();
        final List<List<DeviceRepository.Sighting>> lookups = new ArrayList<>();

        @Override
        public Map<UUID, UUID> seen(List<DeviceRepository.Sighting> sightings) {
            lookups.add(sightings);
            Map<UUID, UUID> found = new HashMap<>();
            sightings.forEach(s -> {
                if (placeOf.containsKey(s.device())) {
                    found.put(s.device(), placeOf.get(s.device()));
                }
            });
            return found;
        }
    }

    /** The devices and times kept, group after group. */
    private static final class RecordedReadings extends LatestReadings {
        final List<UUID> devices = new ArrayList<>();
        final List<OffsetDateTime> times = new ArrayList<>();

        @Override
        public void record(NewestReadings group) {
            group.byDevice().forEach((id, values) -> values.values().forEach(stamped -> {
                devices.add(id);
                times.add(stamped.time());
            }));
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

    private void receive(UUID placeId, UUID deviceId, OffsetDateTime time) {
        ingest.readingsReceived(List.of(new ReadingIngest.Received(placeId, deviceId, time, VALUES)));
    }

    @Test
    void readingsAreKeptOnlyUnderTheDevicesOwnPlace() {
        receive(place, device, TIME);
        receive(otherPlace, device, TIME);
        receive(place, device, TIME);

        assertEquals(List.of(device, device), recorded.devices);
        assertEquals(1, registry.lookups.size(), "the device's place is looked up once per throttle window");
        assertEquals(place.toString(), redis.get(ReadingIngest.SEEN_THROTTLE + device));
    }

    @Test
    void aRecordNamingTheWrongPlaceFirstDoesNotDropTheDevicesReadings() {
        receive(otherPlace, device, TIME);
        receive(place, device, TIME);

        assertEquals(List.of(device), recorded.devices);
        assertEquals(1, registry.lookups.size());
    }

    @Test
    void readingsOfAnUnknownDeviceAreDropped() {
        receive(place, unknownDevice, TIME);
        receive(place, unknownDevice, TIME);

        assertEquals(List.of(), recorded.devices);
        assertEquals(1, registry.lookups.size());
        assertEquals(ReadingIngest.NO_DEVICE, redis.get(ReadingIngest.SEEN_THROTTLE + unknownDevice));
    }

    @Test
    void aReadingFromTheFutureIsKeptAsTakenNow() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC);
        receive(place, device, before.plusYears(3));
        OffsetDateTime kept = recorded.times.get(0);
        assertTrue(!kept.isBefore(before.minusSeconds(1)) && !kept.isAfter(OffsetDateTime.now(ZoneOffset.UTC)),
                "a device's clock ahead counts as now: " + kept);
    }

    /**
     * In one group: one look-up for all devices not cached, each with its first record's place and
     * time (as one by one); a misplaced record dropped alone; an unknown device's records dropped.
     */
    @Test
    void aGroupLooksEveryUncachedDeviceUpOnceWithItsFirstRecord() {
        UUID second = UUID.randomUUID();
        registry.placeOf.put(second, place);
        try {
            ingest.readingsReceived(List.of(
                    new ReadingIngest.Received(otherPlace, device, TIME, VALUES),
                    new ReadingIngest.Received(place, unknownDevice, TIME, VALUES),
                    new ReadingIngest.Received(place, second, TIME.plusSeconds(1), VALUES),
                    new ReadingIngest.Received(place, device, TIME.plusSeconds(2), VALUES)));

            assertEquals(List.of(List.of(new DeviceRepository.Sighting(otherPlace, device, TIME),
                    new DeviceRepository.Sighting(place, unknownDevice, TIME),
                    new DeviceRepository.Sighting(place, second, TIME.plusSeconds(1)))), registry.lookups);
            assertEquals(List.of(second, device), recorded.devices, "the misplaced and the unknown device's dropped");
            assertEquals(List.of(TIME.plusSeconds(1), TIME.plusSeconds(2)), recorded.times);
        } finally {
            redis.del(ReadingIngest.SEEN_THROTTLE + second);
        }
    }
}

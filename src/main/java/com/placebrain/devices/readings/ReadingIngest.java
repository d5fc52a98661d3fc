package com.placebrain.devices.readings;

import com.placebrain.devices.devices.DeviceRepository;
import com.placebrain.devices.devices.DeviceService;
import com.placebrain.devices.devices.DevicesRemoved;
import com.placebrain.devices.platform.persistence.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.SetParams;

/**
 * A device's readings (telemetry.readings): kept as the newest per key, and the device marked as
 * seen at most once per throttle window, so a chatty device costs no database write per message.
 * That one write also tells the device's place, cached for the window: readings of a device that
 * does not exist, or of a device named under a place that is not its own, are dropped, and a
 * deleted device's readings go with it.
 */
@ApplicationScoped
public class ReadingIngest {

    private static final Logger LOG = Logger.getLogger(ReadingIngest.class.getName());
    /** Holds the device's place id, or {@link #NO_DEVICE}, for the throttle window. */
    static final String SEEN_THROTTLE = "device_seen_throttle:";
    static final String NO_DEVICE = "none";

    private LatestReadings readings;
    private DeviceService devices;
    private JedisPooled redis;
    private ReadingSettings settings;

    @Inject
    public ReadingIngest(LatestReadings readings, DeviceService devices, JedisPooled redis, ReadingSettings settings) {
        this.readings = readings;
        this.devices = devices;
        this.redis = redis;
        this.settings = settings;
    }

    /** For CDI's client proxy. */
    protected ReadingIngest() {
    }

    /** One record's readings: the place it names, the device, when they were taken, the values. */
    public record Received(UUID place, UUID device, OffsetDateTime taken, Map<String, Double> values) {
    }

    /**
     * A group of records' readings, in record order, kept only where the device is in the place
     * its record names; with the same effect as taking the records one by one. The devices' places
     * come from the throttle keys (one MGET); a device without one is looked up, and seen, with its
     * first record of the group (one transaction for all of them), as one by one it would be.
     */
    public void readingsReceived(List<Received> group) {
        // A device's clock ahead counts as now: a reading "from the future" would otherwise stay
        // the newest, and hide every later one, until that time came.
        OffsetDateTime now = Clock.now();
        Map<UUID, Received> firstOfDevice = new LinkedHashMap<>();
        group.forEach(received -> firstOfDevice.putIfAbsent(received.device(), received));
        List<UUID> devicesOfGroup = new ArrayList<>(firstOfDevice.keySet());
        List<String> cached = redis.mget(devicesOfGroup.stream().map(d -> SEEN_THROTTLE + d).toArray(String[]::new));
        Map<UUID, String> placeOf = new HashMap<>();
        List<DeviceRepository.Sighting> unknown = new ArrayList<>();
        for (int i = 0; i < devicesOfGroup.size(); i++) {
            UUID device = devicesOfGroup.get(i);
            if (cached.get(i) != null) {
                placeOf.put(device, cached.get(i));
            } else {
                Received first = firstOfDevice.get(device);
                unknown.add(new DeviceRepository.Sighting(first.place(), device, notAfter(first.taken(), now)));
            }
        }
        if (!unknown.isEmpty()) {
            Map<UUID, UUID> found = devices.seen(unknown);
            try (Pipeline pipeline = redis.pipelined()) {
                for (DeviceRepository.Sighting sighting : unknown) {
                    String place = Optional.ofNullable(found.get(sighting.device())).map(UUID::toString).orElse(NO_DEVICE);
                    placeOf.put(sighting.device(), place);
                    pipeline.set(SEEN_THROTTLE + sighting.device(), place,
                            SetParams.setParams().px(settings.seenThrottleMillis()));
                }
                pipeline.sync();
            }
        }
        NewestReadings kept = new NewestReadings();
        int dropped = 0;
        for (Received received : group) {
            if (placeOf.get(received.device()).equals(received.place().toString())) {
                kept.add(received.device(), notAfter(received.taken(), now), received.values());
            } else {
                dropped++;
            }
        }
        readings.record(kept);
        if (dropped > 0) {
            int count = dropped;
            LOG.fine(() -> count + " records' readings of unknown devices, or naming another place than the device's, dropped");
        }
    }

    private static OffsetDateTime notAfter(OffsetDateTime time, OffsetDateTime now) {
        return time.isAfter(now) ? now : time;
    }

    void devicesRemoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) DevicesRemoved removed) {
        String[] keys = removed.deviceIds().stream()
                .flatMap(id -> Stream.of(LatestReadings.KEY + id, SEEN_THROTTLE + id))
                .toArray(String[]::new);
        try {
            redis.del(keys);
        } catch (RuntimeException e) {
            // The deletion is committed; what is left is unreachable through the API (the device is gone).
            LOG.log(Level.WARNING, "Readings of " + removed.deviceIds().size()
                    + " deleted devices could not be removed from Redis: " + e.getMessage());
        }
    }
}

package com.placebrain.devices.readings;

import com.placebrain.devices.devices.DeviceService;
import com.placebrain.devices.devices.DevicesRemoved;
import com.placebrain.devices.platform.persistence.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import redis.clients.jedis.JedisPooled;
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

    /** Readings a record names under {@code placeId}; kept only if the device is in that place. */
    public void readingsReceived(UUID placeId, UUID deviceId, OffsetDateTime taken, Map<String, Double> values) {
        // A device's clock ahead counts as now: a reading "from the future" would otherwise stay
        // the newest, and hide every later one, until that time came.
        OffsetDateTime now = Clock.now();
        OffsetDateTime time = taken.isAfter(now) ? now : taken;
        String devicePlace = redis.get(SEEN_THROTTLE + deviceId);
        if (devicePlace == null) {
            devicePlace = devices.seen(placeId, deviceId, time).map(UUID::toString).orElse(NO_DEVICE);
            redis.set(SEEN_THROTTLE + deviceId, devicePlace, SetParams.setParams().px(settings.seenThrottleMillis()));
        }
        if (devicePlace.equals(placeId.toString())) {
            readings.record(deviceId, time, values);
        } else if (devicePlace.equals(NO_DEVICE)) {
            LOG.fine(() -> "Readings of unknown device " + deviceId + " dropped");
        } else {
            LOG.fine(() -> "Readings of device " + deviceId + " under place " + placeId + ", not its own, dropped");
        }
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

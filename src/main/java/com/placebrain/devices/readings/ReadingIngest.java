package com.placebrain.devices.readings;

import com.placebrain.devices.devices.DeviceService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/**
 * A device's readings (telemetry.readings): kept as the newest per key, and the device marked as
 * seen at most once per throttle window, so a chatty device costs no database write per message.
 */
@ApplicationScoped
public class ReadingIngest {

    static final String SEEN_THROTTLE = "device_seen_throttle:";

    @Inject
    LatestReadings readings;

    @Inject
    DeviceService devices;

    @Inject
    JedisPooled redis;

    @Inject
    @ConfigProperty(name = "devices.readings.seen-throttle-ms", defaultValue = "30000")
    long seenThrottleMillis;

    public void readingsReceived(UUID deviceId, OffsetDateTime time, Map<String, Double> values) {
        readings.record(deviceId, time, values);
        String first = redis.set(SEEN_THROTTLE + deviceId, "1", SetParams.setParams().nx().px(seenThrottleMillis));
        if ("OK".equals(first)) {
            devices.seen(deviceId);
        }
    }
}

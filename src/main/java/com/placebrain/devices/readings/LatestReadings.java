package com.placebrain.devices.readings;

import com.placebrain.devices.devices.DeviceAddress;
import com.placebrain.devices.devices.DeviceScope;
import com.placebrain.devices.platform.grpc.WireTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;

/**
 * The newest reading per (device, key), in Redis hash {@code device_readings:{device_id}}:
 * key → "{epoch micros}|{value}|{ISO time}". An older reading never replaces a newer one.
 */
@ApplicationScoped
public class LatestReadings {

    static final String KEY = "device_readings:";

    /** Sets each field whose stored timestamp is older than the new one; ARGV = micros, then key/value pairs. */
    private static final String KEEP_NEWEST = """
            local changed = 0
            for i = 2, #ARGV, 2 do
              local current = redis.call('HGET', KEYS[1], ARGV[i])
              local newer = true
              if current then
                local at = tonumber(string.match(current, '^(%-?%d+)|'))
                newer = at == nil or at < tonumber(ARGV[1])
              end
              if newer then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]); changed = changed + 1 end
            end
            return changed
            """;

    public record Reading(String key, double value, String time) {
    }

    @Inject
    JedisPooled redis;

    @Inject
    DeviceScope scope;

    public void record(UUID deviceId, OffsetDateTime time, Map<String, Double> values) {
        if (values.isEmpty()) {
            return;
        }
        long micros = time.toInstant().getEpochSecond() * 1_000_000 + time.getNano() / 1_000;
        String iso = WireTime.format(time);
        String[] args = new String[1 + values.size() * 2];
        args[0] = Long.toString(micros);
        int i = 1;
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            args[i++] = entry.getKey();
            args[i++] = micros + "|" + entry.getValue() + "|" + iso;
        }
        redis.eval(KEEP_NEWEST, List.of(KEY + deviceId), List.of(args));
    }

    /** RPC 27: any role in the place, and the device must be in it. Sorted by key. */
    @Transactional
    public List<Reading> latest(String userId, String placeId, String deviceId) {
        DeviceAddress at = DeviceAddress.parse(userId, placeId, deviceId);
        scope.forRead(at);
        Map<String, String> stored = new TreeMap<>(redis.hgetAll(KEY + at.device()));
        return stored.entrySet().stream().map(e -> {
            String[] parts = e.getValue().split("\\|", 3);
            return new Reading(e.getKey(), Double.parseDouble(parts[1]), parts[2]);
        }).toList();
    }
}

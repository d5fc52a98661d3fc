package com.placebrain.devices.readings;

import com.placebrain.devices.devices.DeviceAddress;
import com.placebrain.devices.devices.DeviceScope;
import com.placebrain.devices.platform.grpc.WireTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * The newest reading per (device, key), in Redis hash {@code device_readings:{device_id}}:
 * key → "{epoch micros}|{value}|{ISO time}". An older reading never replaces a newer one.
 */
@ApplicationScoped
public class LatestReadings {

    static final String KEY = "device_readings:";

    /**
     * Sets each field whose stored timestamp is older than the new one's; ARGV = triples of key,
     * epoch micros, stored value.
     */
    private static final String KEEP_NEWEST = """
            local changed = 0
            for i = 1, #ARGV, 3 do
              local current = redis.call('HGET', KEYS[1], ARGV[i])
              local newer = true
              if current then
                local at = tonumber(string.match(current, '^(%-?%d+)|'))
                newer = at == nil or at < tonumber(ARGV[i + 1])
              end
              if newer then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2]); changed = changed + 1 end
            end
            return changed
            """;

    public record Reading(String key, double value, String time) {
    }

    @Inject
    JedisPooled redis;

    @Inject
    DeviceScope scope;

    /** Keeps the readings of a group: one script call per device, all in one pipeline (one round trip). */
    public void record(NewestReadings group) {
        if (group.byDevice().isEmpty()) {
            return;
        }
        List<Response<Object>> replies = new ArrayList<>(group.byDevice().size());
        try (Pipeline pipeline = redis.pipelined()) {
            group.byDevice().forEach((device, values) -> {
                List<String> args = new ArrayList<>(values.size() * 3);
                values.forEach((key, stamped) -> {
                    args.add(key);
                    args.add(Long.toString(stamped.micros()));
                    args.add(stamped.micros() + "|" + stamped.value() + "|" + WireTime.format(stamped.time()));
                });
                replies.add(pipeline.eval(KEEP_NEWEST, List.of(KEY + device), args));
            });
            pipeline.sync();
        }
        replies.forEach(Response::get); // an error reply throws here
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

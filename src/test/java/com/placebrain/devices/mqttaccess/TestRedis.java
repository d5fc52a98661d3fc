package com.placebrain.devices.mqttaccess;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The real Redis at 127.0.0.1:6379, with a key prefix of this test's own so tests never touch
 * anything else there. Keys outside the prefix (the role cache's fixed names) are registered with
 * {@link #alsoCleanUp} and deleted with the rest.
 */
final class TestRedis implements AutoCloseable {

    final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    final String prefix = "test:" + UUID.randomUUID() + ":";
    final MqttKeys keys = new MqttKeys(prefix);
    private final List<String> extraKeys = new ArrayList<>();

    String alsoCleanUp(String key) {
        extraKeys.add(key);
        return key;
    }

    /** Every key under this test's prefix. */
    List<String> ownKeys() {
        List<String> found = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(prefix + "*").count(1000);
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }

    @Override
    public void close() {
        List<String> all = ownKeys();
        all.addAll(extraKeys);
        if (!all.isEmpty()) {
            redis.del(all.toArray(String[]::new));
        }
        redis.close();
    }
}

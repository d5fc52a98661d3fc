package com.placebrain.devices.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

/**
 * Devices written straight into the service's database for a benchmark, and removed after it:
 * with a bcrypt hash only and no fast token verifier, as the Python service left them, so their
 * first login runs bcrypt in the service.
 */
final class BenchDevices {

    private BenchDevices() {
    }

    static List<UUID> create(String jdbc, UUID place, int count, String tokenHash) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbc, "devices", "devices");
             PreparedStatement insert = db.prepareStatement("INSERT INTO devices (id, place_id, name, token_hash, status)"
                     + " VALUES (?, ?, 'bench', ?, 'OFFLINE')")) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                insert.setObject(1, id);
                insert.setObject(2, place);
                insert.setString(3, tokenHash);
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
        }
        return ids;
    }

    /**
     * The place's devices (their sensors, actuators and thresholds go with them: ON DELETE
     * CASCADE) and the Redis keys their logins left (MqttKeys; they would expire anyway).
     */
    static void deleteAll(String jdbc, UUID place, List<UUID> devices, JedisPooled redis) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, "devices", "devices");
             PreparedStatement delete = db.prepareStatement("DELETE FROM devices WHERE place_id = ?")) {
            delete.setObject(1, place);
            delete.executeUpdate();
        }
        try (Pipeline pipeline = redis.pipelined()) {
            for (UUID device : devices) {
                String username = "device:" + device;
                pipeline.del("mqtt:device:cred-version:" + device, "mqtt:device:auth:" + device,
                        "mqtt:device:place:" + device, "mqtt:sessions:" + username, "mqtt:auth:bcrypt:" + username,
                        "mqtt:auth:bcrypt-refused:" + username, "mqtt:auth:bcrypt-source:" + username + ":grpc",
                        "mqtt:auth:bcrypt-source:" + username + ":127.0.0.1");
            }
        }
    }
}

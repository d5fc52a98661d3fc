package com.placebrain.devices.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Devices written straight into the service's database for a benchmark, and removed after it. */
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

    /** Their sensors, actuators and thresholds go with them (ON DELETE CASCADE). */
    static void deleteAll(String jdbc, UUID place) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, "devices", "devices");
             PreparedStatement delete = db.prepareStatement("DELETE FROM devices WHERE place_id = ?")) {
            delete.setObject(1, place);
            delete.executeUpdate();
        }
    }
}

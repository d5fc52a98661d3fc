package com.placebrain.devices.it.registry;

import com.placebrain.devices.it.TestEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mindrot.jbcrypt.BCrypt;

/** Direct reads of the test database (devices_test), to see what the service really stored. */
final class RegistryDb {

    private RegistryDb() {
    }

    static Connection connect() throws SQLException {
        return TestEnvironment.database(TestEnvironment.DB);
    }

    /** First column of every row, as text; parameters bound as strings (cast them in SQL). */
    static List<String> strings(String sql, Object... params) throws SQLException {
        try (Connection db = connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof List<?> list) {
                    statement.setArray(i + 1, db.createArrayOf("text", list.toArray()));
                } else {
                    statement.setObject(i + 1, params[i]);
                }
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }

    /** The single value of a one-row, one-column query (null when the row has SQL NULL). */
    static String single(String sql, Object... params) throws SQLException {
        List<String> rows = strings(sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + sql + " " + Arrays.toString(params) + ", got " + rows);
        }
        return rows.get(0);
    }

    static long count(String sql, Object... params) throws SQLException {
        return Long.parseLong(single(sql, params));
    }

    static void execute(String sql, Object... params) throws SQLException {
        try (Connection db = connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    static String tokenHash(String deviceId) throws SQLException {
        return single("SELECT token_hash FROM devices WHERE id = ?::uuid", deviceId);
    }

    /**
     * Every row (all columns, as PostgreSQL prints them) of devices, sensors, actuators and
     * thresholds under the given places, sorted: equal snapshots mean nothing was written there.
     */
    static List<String> snapshot(String... placeIds) throws SQLException {
        List<String> places = List.of(placeIds);
        return strings("""
                SELECT 'device ' || d::text FROM devices d WHERE d.place_id::text = ANY (?)
                UNION ALL
                SELECT 'sensor ' || s::text FROM sensors s JOIN devices d ON d.id = s.device_id
                 WHERE d.place_id::text = ANY (?)
                UNION ALL
                SELECT 'actuator ' || a::text FROM actuators a JOIN devices d ON d.id = a.device_id
                 WHERE d.place_id::text = ANY (?)
                UNION ALL
                SELECT 'threshold ' || t::text FROM sensor_thresholds t JOIN sensors s ON s.id = t.sensor_id
                 JOIN devices d ON d.id = s.device_id WHERE d.place_id::text = ANY (?)
                ORDER BY 1""", places, places, places, places);
    }

    /** bcrypt check accepting the $2b$ (Python) and $2y$ (htpasswd) spellings of jbcrypt's $2a$. */
    static boolean bcryptMatches(String token, String hash) {
        String normalized = hash.startsWith("$2b$") || hash.startsWith("$2y$") ? "$2a$" + hash.substring(4) : hash;
        return BCrypt.checkpw(token, normalized);
    }
}

package com.placebrain.devices.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mindrot.jbcrypt.BCrypt;

/** Direct access to the test databases, to see what the service really stored (devices_test unless named). */
public final class Database {

    /** Columns this service adds to the Python tables (changesets 005, 006); the Python service ignores them. */
    public static final List<String> OUR_COLUMNS = List.of("status_reported_at", "token_verifier");

    private Database() {
    }

    public static Connection connect(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, "devices", "devices");
    }

    /** The database of the server under test. */
    public static Connection connect() throws SQLException {
        return connect(TestEnvironment.DB);
    }

    /** First column of every row, as text; parameters bound as strings (cast them in SQL), lists as text[]. */
    public static List<String> strings(String sql, Object... params) throws SQLException {
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
    public static String single(String sql, Object... params) throws SQLException {
        List<String> rows = strings(sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + sql + " " + Arrays.toString(params) + ", got " + rows);
        }
        return rows.get(0);
    }

    public static long count(String sql, Object... params) throws SQLException {
        return Long.parseLong(single(sql, params));
    }

    public static void execute(String sql, Object... params) throws SQLException {
        try (Connection db = connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    public static String tokenHash(String deviceId) throws SQLException {
        return single("SELECT token_hash FROM devices WHERE id = ?::uuid", deviceId);
    }

    /**
     * Every row (all columns, as PostgreSQL prints them) of devices, sensors, actuators and
     * thresholds under the given places, sorted: equal snapshots mean nothing was written there.
     */
    public static List<String> snapshot(String... placeIds) throws SQLException {
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

    /**
     * id → the row as the Python service sees it (every column but {@link #OUR_COLUMNS}), as text,
     * of every row of a table or only of the given ids: to compare a database with the fixture.
     */
    public static Map<String, String> pythonRowsById(Connection db, String table, List<String> ids) throws SQLException {
        String sql = "SELECT t.id::text, (to_jsonb(t) - ?::text[])::text FROM " + table + " t"
                + (ids == null ? "" : " WHERE t.id::text = ANY (?)");
        Map<String, String> rows = new TreeMap<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, db.createArrayOf("text", OUR_COLUMNS.toArray()));
            if (ids != null) {
                statement.setArray(2, db.createArrayOf("text", ids.toArray()));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getString(2));
                }
            }
        }
        return rows;
    }

    /** bcrypt check accepting the $2b$ (Python) and $2y$ (htpasswd) spellings of jbcrypt's $2a$. */
    public static boolean bcryptMatches(String token, String hash) {
        String normalized = hash.startsWith("$2b$") || hash.startsWith("$2y$") ? "$2a$" + hash.substring(4) : hash;
        return BCrypt.checkpw(token, normalized);
    }
}

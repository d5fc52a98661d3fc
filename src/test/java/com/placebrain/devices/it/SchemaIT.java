package com.placebrain.devices.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.placebrain.devices.platform.persistence.SchemaMigration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The schema matches CONTRACT §5, checked against PostgreSQL's catalog: as migrated from
 * nothing, and as adopted by the running server from a database the Python service created.
 */
class SchemaIT extends ServiceDeployment {

    private static final List<String> PYTHON_TABLES = List.of("devices", "sensors", "actuators", "sensor_thresholds");

    /** Columns this service adds to the Python tables (changeset 005); the Python service ignores them. */
    private static final List<String> OUR_COLUMNS = List.of("status_reported_at");

    /** CONTRACT §5 and {@link #OUR_COLUMNS}, one line per column: table.column type(length) null|not null [default]. */
    private static final List<String> EXPECTED_COLUMNS = List.of(
            "actuators.device_id uuid not null",
            "actuators.enum_options jsonb null",
            "actuators.id uuid not null",
            "actuators.key varchar(100) not null",
            "actuators.max_value float8 null",
            "actuators.min_value float8 null",
            "actuators.name varchar(255) not null",
            "actuators.precision int4 not null",
            "actuators.step float8 null",
            "actuators.unit_label varchar(50) not null",
            "actuators.value_type actuatorvaluetypeenum not null",
            "devices.created_at timestamptz not null default now()",
            "devices.id uuid not null",
            "devices.last_seen_at timestamptz null",
            "devices.name varchar(255) not null",
            "devices.place_id uuid not null",
            "devices.status devicestatusenum not null",
            "devices.status_reported_at timestamptz null",
            "devices.token_hash varchar(255) not null",
            "devices.updated_at timestamptz not null default now()",
            "sensor_thresholds.id uuid not null",
            "sensor_thresholds.sensor_id uuid not null",
            "sensor_thresholds.severity thresholdseverityenum not null",
            "sensor_thresholds.type thresholdtypeenum not null",
            "sensor_thresholds.value float8 not null",
            "sensors.device_id uuid not null",
            "sensors.id uuid not null",
            "sensors.key varchar(100) not null",
            "sensors.name varchar(255) not null",
            "sensors.precision int4 not null",
            "sensors.unit_label varchar(50) not null",
            "sensors.value_type valuetypeenum not null");

    private static final Map<String, String> EXPECTED_ENUMS = new TreeMap<>(Map.of(
            "actuatorvaluetypeenum", "NUMBER,BOOLEAN,ENUM",
            "devicestatusenum", "ONLINE,OFFLINE",
            "thresholdseverityenum", "WARNING,CRITICAL",
            "thresholdtypeenum", "MIN,MAX",
            "valuetypeenum", "NUMBER,BOOLEAN"));

    private static final List<String> EXPECTED_CONSTRAINTS = List.of(
            "actuators FOREIGN KEY (device_id) REFERENCES devices(id) ON DELETE CASCADE",
            "actuators PRIMARY KEY (id)",
            "actuators UNIQUE (device_id, key)",
            "devices PRIMARY KEY (id)",
            "sensor_thresholds FOREIGN KEY (sensor_id) REFERENCES sensors(id) ON DELETE CASCADE",
            "sensor_thresholds PRIMARY KEY (id)",
            "sensors FOREIGN KEY (device_id) REFERENCES devices(id) ON DELETE CASCADE",
            "sensors PRIMARY KEY (id)",
            "sensors UNIQUE (device_id, key)");

    /** Non-constraint indexes: the contract's, plus our own changeset 002. */
    private static final List<String> EXPECTED_INDEXES = List.of(
            "devices ix_devices_place_id (place_id)",
            "sensor_thresholds ix_sensor_thresholds_sensor_id (sensor_id)");

    @Test
    void schemaMigratedFromNothingMatchesTheContract() throws SQLException {
        try (Connection fresh = TestEnvironment.database("devices_test_fresh")) {
            SchemaMigration.migrate(fresh);
            assertMatchesContract(fresh);
            Map<String, String> firstRun = executedChangesets(fresh);
            firstRun.values().forEach(type -> assertEquals("EXECUTED", type));
            SchemaMigration.migrate(fresh);
            assertEquals(firstRun, executedChangesets(fresh), "a second migration changes nothing");
        }
    }

    @Test
    void serverAdoptedThePythonDatabaseAndAppliedOnlyItsOwnChangesets() throws SQLException {
        try (Connection adopted = TestEnvironment.database(TestEnvironment.DB)) {
            assertMatchesContract(adopted);
            Map<String, String> runs = executedChangesets(adopted);
            runs.forEach((id, type) -> assertEquals(id.startsWith("001-") ? "MARK_RAN" : "EXECUTED", type, id));
            assertEquals("EXECUTED", runs.get("002-ix-sensor-thresholds-sensor-id"));
            assertEquals("8b4ab59d4c4a", single(adopted, "SELECT version_num FROM alembic_version"));
        }
    }

    @Test
    void adoptionTouchedNoRowOfThePythonDatabase() throws SQLException {
        try (Connection pristine = TestEnvironment.database("devices_test_pristine");
             Connection adopted = TestEnvironment.database(TestEnvironment.DB)) {
            for (String table : PYTHON_TABLES) {
                Map<String, String> before = rowsById(pristine, table, null);
                assertEquals(false, before.isEmpty(), table + " has fixture rows");
                assertEquals(before, rowsById(adopted, table, new ArrayList<>(before.keySet())), table);
            }
        }
    }

    private static void assertMatchesContract(Connection db) throws SQLException {
        assertEquals(EXPECTED_COLUMNS, lines(db, """
                SELECT c.table_name || '.' || c.column_name || ' ' || c.udt_name
                       || coalesce('(' || c.character_maximum_length || ')', '')
                       || CASE WHEN c.is_nullable = 'YES' THEN ' null' ELSE ' not null' END
                       || coalesce(' default ' || c.column_default, '')
                FROM information_schema.columns c
                WHERE c.table_schema = current_schema() AND c.table_name = ANY (?)
                ORDER BY 1""", PYTHON_TABLES));
        Map<String, String> enums = new TreeMap<>();
        for (String line : lines(db, """
                SELECT t.typname || '=' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
                JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = current_schema() GROUP BY t.typname ORDER BY 1""", null)) {
            String[] parts = line.split("=", 2);
            enums.put(parts[0], parts[1]);
        }
        assertEquals(EXPECTED_ENUMS, enums);
        assertEquals(EXPECTED_CONSTRAINTS, lines(db, """
                SELECT cl.relname || ' ' || pg_get_constraintdef(co.oid)
                FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
                JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = current_schema() AND cl.relname = ANY (?) AND co.contype IN ('p', 'f', 'u')
                ORDER BY 1""", PYTHON_TABLES));
        assertEquals(EXPECTED_INDEXES, lines(db, """
                SELECT i.tablename || ' ' || i.indexname || ' ' || substring(i.indexdef FROM '\\(.*\\)$')
                FROM pg_indexes i
                WHERE i.schemaname = current_schema() AND i.tablename = ANY (?)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conname = i.indexname)
                ORDER BY 1""", PYTHON_TABLES));
    }

    private static Map<String, String> executedChangesets(Connection db) throws SQLException {
        Map<String, String> runs = new LinkedHashMap<>();
        for (String line : lines(db, "SELECT id || ' ' || exectype FROM databasechangelog ORDER BY orderexecuted", null)) {
            String[] parts = line.split(" ", 2);
            runs.put(parts[0], parts[1]);
        }
        return runs;
    }

    private static Map<String, String> rowsById(Connection db, String table, List<String> ids) throws SQLException {
        // Every column the Python service wrote; ours are new and NULL in its rows.
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

    private static List<String> lines(Connection db, String sql, List<String> tables) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            if (tables != null) {
                statement.setArray(1, db.createArrayOf("text", tables.toArray()));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    lines.add(result.getString(1));
                }
            }
        }
        return lines;
    }

    private static String single(Connection db, String sql) throws SQLException {
        return lines(db, sql, null).get(0);
    }
}

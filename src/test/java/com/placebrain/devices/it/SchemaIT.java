package com.placebrain.devices.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.ServiceDeployment;
import com.placebrain.devices.it.support.TestEnvironment;
import com.placebrain.devices.platform.persistence.SchemaMigration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The schema matches CONTRACT §5, checked against PostgreSQL's catalog: as migrated from
 * nothing, and as adopted by the running server from a database the Python service created.
 * Either way it carries the Python service's alembic_version, so a rollback can start on it.
 */
class SchemaIT extends ServiceDeployment {

    private static final List<String> PYTHON_TABLES = List.of("devices", "sensors", "actuators", "sensor_thresholds");
    /** The Python service's last Alembic revision (PlaceBrain/devices, migrations/versions). */
    private static final String ALEMBIC_HEAD = "8b4ab59d4c4a";
    private static final String ALEMBIC_REVISION = "SELECT version_num FROM alembic_version";

    /** CONTRACT §5 and {@link TestEnvironment#OUR_COLUMNS}, one line per column: table.column type(length) null|not null [default]. */
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
            "devices.token_verifier varchar(128) null",
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
        try (Connection fresh = Database.connect("devices_test_fresh")) {
            SchemaMigration.migrate(fresh);
            assertMatchesContract(fresh);
            Map<String, String> firstRun = executedChangesets(fresh);
            firstRun.values().forEach(type -> assertEquals("EXECUTED", type));
            assertEquals(List.of(ALEMBIC_HEAD), lines(fresh, ALEMBIC_REVISION, null));
            SchemaMigration.migrate(fresh);
            assertEquals(firstRun, executedChangesets(fresh), "a second migration changes nothing");
            assertEquals(List.of(ALEMBIC_HEAD), lines(fresh, ALEMBIC_REVISION, null));
        }
    }

    /** Column, type and primary key as Alembic creates them, as found in the Python service's own database. */
    @Test
    void alembicVersionOfAFreshDatabaseIsShapedAsThePythonServicesOwn() throws SQLException {
        try (Connection pristine = Database.connect("devices_test_pristine");
             Connection fresh = Database.connect("devices_test_fresh")) {
            SchemaMigration.migrate(fresh);
            List<String> expected = List.of(
                    "alembic_version.version_num varchar(32) not null",
                    "alembic_version_pkc PRIMARY KEY (version_num)");
            assertEquals(expected, alembicVersionTable(pristine), "the fixture, as the Python service made it");
            assertEquals(expected, alembicVersionTable(fresh));
        }
    }

    /** A row the Python service left is its word on the revision: never replaced, even when not the head. */
    @Test
    void anAdoptedAlembicVersionIsNeverTouchedAndAnEmptyOneGetsTheHead() throws SQLException {
        try (Scratch scratch = new Scratch("devices_test_alembic")) {
            try (Connection db = scratch.connect()) {
                createAlembicVersion(db, "a47ef0cd1520");
                SchemaMigration.migrate(db);
                assertEquals(List.of("a47ef0cd1520"), lines(db, ALEMBIC_REVISION, null));
                Map<String, String> runs = executedChangesets(db);
                assertEquals("MARK_RAN", runs.get("004-alembic-version-table"));
                assertEquals("MARK_RAN", runs.get("004-alembic-version-head"));
            }
            scratch.recreate();
            try (Connection db = scratch.connect()) {
                createAlembicVersion(db, null);
                SchemaMigration.migrate(db);
                assertEquals(List.of(ALEMBIC_HEAD), lines(db, ALEMBIC_REVISION, null));
                assertEquals("MARK_RAN", executedChangesets(db).get("004-alembic-version-table"));
                assertEquals("EXECUTED", executedChangesets(db).get("004-alembic-version-head"));
            }
        }
    }

    @Test
    void serverAdoptedThePythonDatabaseAndAppliedOnlyItsOwnChangesets() throws SQLException {
        try (Connection adopted = Database.connect()) {
            assertMatchesContract(adopted);
            Map<String, String> runs = executedChangesets(adopted);
            // 004-*: the fixture has alembic_version and its row, which stay as they were.
            runs.forEach((id, type) -> assertEquals(id.startsWith("001-") || id.startsWith("004-") ? "MARK_RAN" : "EXECUTED",
                    type, id));
            assertEquals("EXECUTED", runs.get("002-ix-sensor-thresholds-sensor-id"));
            assertEquals(List.of(ALEMBIC_HEAD), lines(adopted, ALEMBIC_REVISION, null));
        }
    }

    @Test
    void adoptionTouchedNoRowOfThePythonDatabase() throws SQLException {
        try (Connection pristine = Database.connect("devices_test_pristine");
             Connection adopted = Database.connect()) {
            for (String table : PYTHON_TABLES) {
                Map<String, String> before = Database.pythonRowsById(pristine, table, null);
                assertEquals(false, before.isEmpty(), table + " has fixture rows");
                assertEquals(before, Database.pythonRowsById(adopted, table, new ArrayList<>(before.keySet())), table);
            }
            assertEquals(lines(pristine, ALEMBIC_REVISION, null), lines(adopted, ALEMBIC_REVISION, null), "alembic_version");
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

    private static List<String> alembicVersionTable(Connection db) throws SQLException {
        List<String> shape = new ArrayList<>(lines(db, """
                SELECT c.table_name || '.' || c.column_name || ' ' || c.udt_name
                       || coalesce('(' || c.character_maximum_length || ')', '')
                       || CASE WHEN c.is_nullable = 'YES' THEN ' null' ELSE ' not null' END
                FROM information_schema.columns c
                WHERE c.table_schema = current_schema() AND c.table_name = 'alembic_version'
                ORDER BY 1""", null));
        shape.addAll(lines(db, """
                SELECT co.conname || ' ' || pg_get_constraintdef(co.oid)
                FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
                JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = current_schema() AND cl.relname = 'alembic_version'
                ORDER BY 1""", null));
        return shape;
    }

    /** alembic_version as Alembic creates it, holding this revision (null: empty). */
    private static void createAlembicVersion(Connection db, String revision) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,"
                    + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
        }
        if (revision != null) {
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO alembic_version (version_num) VALUES (?)")) {
                insert.setString(1, revision);
                insert.executeUpdate();
            }
        }
    }

    /** An empty database of this test's own (the test database user may create databases), dropped at the end. */
    private static final class Scratch implements AutoCloseable {

        private final String name;

        Scratch(String name) throws SQLException {
            this.name = name;
            recreate();
        }

        Connection connect() throws SQLException {
            return Database.connect(name);
        }

        void recreate() throws SQLException {
            drop();
            admin("CREATE DATABASE " + name);
        }

        @Override
        public void close() throws SQLException {
            drop();
        }

        private void drop() throws SQLException {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }

        private static void admin(String sql) throws SQLException {
            try (Connection postgres = Database.connect("postgres"); Statement statement = postgres.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}

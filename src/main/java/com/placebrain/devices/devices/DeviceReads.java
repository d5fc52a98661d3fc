package com.placebrain.devices.devices;

import com.placebrain.devices.actuators.Actuator;
import com.placebrain.devices.actuators.ActuatorSpec;
import com.placebrain.devices.actuators.ActuatorValueType;
import com.placebrain.devices.platform.persistence.StatementSpans;
import com.placebrain.devices.sensors.Sensor;
import com.placebrain.devices.sensors.SensorValueType;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The read side of GetDevice and ListDevices: one SQL statement per call (one round trip; the
 * rare page past the end costs a count more), run outside any transaction (autocommit, no BEGIN
 * and COMMIT) and read straight into plain objects, with no persistence context to fill, flush
 * or dirty-check. One statement is also one snapshot: a device and its parts, or a page and its
 * total, are read at one moment. The Sensor and Actuator objects made here are never attached
 * to a persistence context; changes go through the repositories' entities.
 */
@ApplicationScoped
public class DeviceReads {

    /**
     * The device (part 0), its sensors (1) and its actuators (2), each part ordered by key as
     * ListSensors and ListActuators order them. No row: no such device in that place. Options are
     * read as text[] in their stored order; JSON null (rows of the Python service) and SQL NULL
     * are none.
     */
    static final String DETAILS = """
            WITH d AS (SELECT id, place_id, name, status, last_seen_at, created_at, updated_at
                         FROM devices WHERE id = ? AND place_id = ?)
            SELECT 0 AS part, d.id, d.place_id AS parent_id, d.name, NULL AS key, d.status::text AS type,
                   NULL AS unit_label, NULL::int AS precision, d.last_seen_at, d.created_at, d.updated_at,
                   NULL::float8 AS min_value, NULL::float8 AS max_value, NULL::float8 AS step,
                   NULL::text[] AS options
              FROM d
            UNION ALL
            SELECT 1, s.id, s.device_id, s.name, s.key, s.value_type::text, s.unit_label, s.precision,
                   NULL, NULL, NULL, NULL, NULL, NULL, NULL
              FROM sensors s JOIN d ON s.device_id = d.id
            UNION ALL
            SELECT 2, a.id, a.device_id, a.name, a.key, a.value_type::text, a.unit_label, a.precision,
                   NULL, NULL, NULL, a.min_value, a.max_value, a.step,
                   CASE WHEN jsonb_typeof(a.enum_options) = 'array'
                        THEN ARRAY(SELECT o FROM jsonb_array_elements_text(a.enum_options) WITH ORDINALITY AS e(o, n)
                                   ORDER BY n) END
              FROM actuators a JOIN d ON a.device_id = d.id
            ORDER BY part, key
            """;

    /** Newest first; the place's device count on every row. */
    static final String PAGE = """
            SELECT id, place_id, name, status::text AS status, last_seen_at, created_at, updated_at, count(*) OVER () AS total
              FROM devices WHERE place_id = ?
             ORDER BY created_at DESC, id DESC
             LIMIT ? OFFSET ?
            """;

    static final String COUNT = "SELECT count(*) FROM devices WHERE place_id = ?";

    /**
     * Unshareable: a shareable connection used outside a transaction stays with the thread's local
     * transaction until that ends, and a gRPC handler thread's never ends (one managed task for the
     * thread's life), so each handler would keep a connection for good and the callers beyond the
     * pool's size would time out. Unshared, it goes back to the pool when closed.
     */
    @Resource(lookup = "jdbc/devices", shareable = false)
    DataSource dataSource;

    /** The device with its sensors and actuators, if it is in that place. */
    public Optional<DeviceService.DeviceDetails> details(UUID placeId, UUID deviceId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(DETAILS)) {
            statement.setObject(1, deviceId);
            statement.setObject(2, placeId);
            try (ResultSet rows = StatementSpans.executeQuery(statement, DETAILS)) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                DeviceView device = device(rows, "parent_id", "type");
                List<Sensor> sensors = new ArrayList<>();
                List<Actuator> actuators = new ArrayList<>();
                while (rows.next()) {
                    if (rows.getInt("part") == 1) {
                        sensors.add(sensor(rows));
                    } else {
                        actuators.add(actuator(rows));
                    }
                }
                return Optional.of(new DeviceService.DeviceDetails(device, sensors, actuators));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading device " + deviceId + " failed", e);
        }
    }

    /** A page of the place's devices, newest first, and how many the place has. */
    public DeviceService.DevicePage page(UUID placeId, long offset, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            List<DeviceView> devices = new ArrayList<>(limit);
            int total = 0;
            try (PreparedStatement statement = connection.prepareStatement(PAGE)) {
                statement.setObject(1, placeId);
                statement.setInt(2, limit);
                statement.setLong(3, offset);
                try (ResultSet rows = StatementSpans.executeQuery(statement, PAGE)) {
                    while (rows.next()) {
                        devices.add(device(rows, "place_id", "status"));
                        total = rows.getInt("total");
                    }
                }
            }
            // No row carries the count when the page lies past the end (an empty place needs none).
            if (devices.isEmpty() && offset > 0) {
                total = count(connection, placeId);
            }
            return new DeviceService.DevicePage(devices, total);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the devices of place " + placeId + " failed", e);
        }
    }

    private static int count(Connection connection, UUID placeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COUNT)) {
            statement.setObject(1, placeId);
            try (ResultSet rows = StatementSpans.executeQuery(statement, COUNT)) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The device columns of either statement, which name its place and status columns differently. */
    private static DeviceView device(ResultSet rows, String placeColumn, String statusColumn) throws SQLException {
        return new DeviceView(rows.getObject("id", UUID.class), rows.getObject(placeColumn, UUID.class),
                rows.getString("name"), DeviceStatus.valueOf(rows.getString(statusColumn)),
                rows.getObject("last_seen_at", OffsetDateTime.class),
                rows.getObject("created_at", OffsetDateTime.class),
                rows.getObject("updated_at", OffsetDateTime.class));
    }

    private static Sensor sensor(ResultSet rows) throws SQLException {
        return new Sensor(rows.getObject("id", UUID.class), rows.getObject("parent_id", UUID.class),
                rows.getString("key"), rows.getString("name"), SensorValueType.valueOf(rows.getString("type")),
                rows.getString("unit_label"), rows.getInt("precision"));
    }

    private static Actuator actuator(ResultSet rows) throws SQLException {
        ActuatorSpec spec = ActuatorSpec.stored(ActuatorValueType.valueOf(rows.getString("type")),
                rows.getObject("min_value", Double.class), rows.getObject("max_value", Double.class),
                rows.getObject("step", Double.class), options(rows.getArray("options")));
        return new Actuator(rows.getObject("id", UUID.class), rows.getObject("parent_id", UUID.class),
                rows.getString("key"), rows.getString("name"), rows.getString("unit_label"),
                rows.getInt("precision"), spec);
    }

    private static List<String> options(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}

package com.placebrain.devices.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.grpc.v1.GetAllThresholdsRequest;
import com.placebrain.devices.grpc.v1.GetAllThresholdsResponse;
import com.placebrain.devices.grpc.v1.SensorWithThresholds;
import com.placebrain.devices.grpc.v1.ThresholdInfo;
import com.placebrain.devices.grpc.v1.ThresholdSeverity;
import com.placebrain.devices.grpc.v1.ThresholdType;
import com.placebrain.devices.it.support.Database;
import com.placebrain.devices.it.support.Ids;
import com.placebrain.devices.it.support.ServiceClient;
import com.placebrain.devices.it.support.ServiceDeployment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GetAllThresholds (the collector's cache warm-up) over 100,000 thresholds: one device in a fresh
 * place with 25,000 sensors × the 4 (type, severity) combinations, inserted straight with SQL.
 * The answer (~12 MB) exceeds gRPC's default 4 MiB, so the client allows 64 MiB (ServiceClient).
 */
class GetAllThresholdsScaleIT extends ServiceDeployment {

    private static final int SENSORS = 25_000;
    private static final int PER_SENSOR = 4;
    /** The call is timed and printed; the deadline only keeps a hung server from hanging the build. */
    private static final long DEADLINE_SECONDS = 60;

    private static final String PLACE = Ids.newId();
    private static final String DEVICE = Ids.newId();

    @BeforeAll
    static void insertOneHundredThousandThresholds() throws SQLException {
        long start = System.nanoTime();
        Database.execute("""
                INSERT INTO devices (place_id, name, token_hash, status, last_seen_at, created_at, updated_at, id)
                VALUES (?::uuid, 'Scale test', '$2a$04$scaletestscaletestscaleuDm0D1yq1b0Z0Z0Z0Z0Z0Z0Z0Z0Z0Z', 'OFFLINE',
                        NULL, now(), now(), ?::uuid)""", PLACE, DEVICE);
        // Keys s00001..s25000; thresholds valued key number * 10 + 1..4 in listing order.
        Database.execute("""
                INSERT INTO sensors (device_id, key, name, value_type, unit_label, precision, id)
                SELECT ?::uuid, 's' || lpad(i::text, 5, '0'), 'Sensor ' || i, 'NUMBER', '', 0, gen_random_uuid()
                FROM generate_series(1, ?) AS i""", DEVICE, SENSORS);
        Database.execute("""
                INSERT INTO sensor_thresholds (sensor_id, type, value, severity, id)
                SELECT s.id, c.type, substr(s.key, 2)::int * 10 + c.n, c.severity, gen_random_uuid()
                FROM sensors s
                CROSS JOIN (VALUES (1, 'MIN'::thresholdtypeenum, 'WARNING'::thresholdseverityenum),
                                   (2, 'MIN'::thresholdtypeenum, 'CRITICAL'::thresholdseverityenum),
                                   (3, 'MAX'::thresholdtypeenum, 'WARNING'::thresholdseverityenum),
                                   (4, 'MAX'::thresholdtypeenum, 'CRITICAL'::thresholdseverityenum))
                     AS c(n, type, severity)
                WHERE s.device_id = ?::uuid""", DEVICE);
        System.out.printf("GetAllThresholdsScaleIT: inserted %d sensors and %d thresholds in %d ms%n",
                SENSORS, SENSORS * PER_SENSOR, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @AfterAll
    static void deleteTheDevice() throws SQLException {
        Database.execute("DELETE FROM devices WHERE id = ?::uuid", DEVICE);
    }

    @Test
    void getAllThresholdsReturnsAllOneHundredThousandGroupedUnderTheirSensors() throws SQLException {
        Map<String, SensorWithThresholds> expected = expectedFromTheDatabase();
        assertEquals(SENSORS, expected.size(), "sensors inserted");

        long start = System.nanoTime();
        GetAllThresholdsResponse response = client.rpc(Duration.ofSeconds(DEADLINE_SECONDS))
                .getAllThresholds(GetAllThresholdsRequest.getDefaultInstance());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("GetAllThresholdsScaleIT: GetAllThresholds answered %d sensors, %d bytes, in %d ms%n",
                response.getSensorsCount(), response.getSerializedSize(), millis);

        Map<String, SensorWithThresholds> actual = new HashMap<>();
        int thresholds = 0;
        for (SensorWithThresholds sensor : response.getSensorsList()) {
            if (expected.containsKey(sensor.getSensorId()) || DEVICE.equals(sensor.getDeviceId())) {
                SensorWithThresholds previous = actual.put(sensor.getSensorId(), sensor);
                assertTrue(previous == null, "sensor listed twice: " + sensor.getSensorId());
                thresholds += sensor.getThresholdsCount();
            }
        }
        assertEquals(SENSORS, actual.size(), "sensors of the scale device in the answer");
        assertEquals(SENSORS * PER_SENSOR, thresholds, "thresholds of the scale device in the answer");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, SensorWithThresholds> entry : expected.entrySet()) {
            SensorWithThresholds got = actual.get(entry.getKey());
            if (!entry.getValue().equals(got)) {
                wrong.add("expected " + entry.getValue() + " got " + got);
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " sensors differ from the database, e.g. "
                + wrong.subList(0, Math.min(3, wrong.size())));
    }

    /** What the answer must hold for the scale device, built from its rows in contract order. */
    private static Map<String, SensorWithThresholds> expectedFromTheDatabase() throws SQLException {
        Map<String, SensorWithThresholds.Builder> builders = new HashMap<>();
        try (Connection db = Database.connect(); PreparedStatement statement = db.prepareStatement("""
                SELECT s.id::text, s.key, t.id::text, t.type::text, t.value, t.severity::text
                FROM sensors s JOIN sensor_thresholds t ON t.sensor_id = s.id
                WHERE s.device_id = ?::uuid
                ORDER BY s.id, t.type, t.severity""")) {
            statement.setString(1, DEVICE);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    String sensor = row.getString(1);
                    String key = row.getString(2);
                    ThresholdType type = ThresholdType.valueOf("THRESHOLD_TYPE_" + row.getString(4));
                    ThresholdSeverity severity = ThresholdSeverity.valueOf("THRESHOLD_SEVERITY_" + row.getString(6));
                    int combination = (type == ThresholdType.THRESHOLD_TYPE_MIN ? 0 : 2)
                            + (severity == ThresholdSeverity.THRESHOLD_SEVERITY_WARNING ? 1 : 2);
                    assertEquals(Integer.parseInt(key.substring(1)) * 10 + combination, row.getDouble(5), key);
                    builders.computeIfAbsent(sensor, id -> SensorWithThresholds.newBuilder()
                                    .setSensorId(id).setDeviceId(DEVICE).setPlaceId(PLACE).setKey(key))
                            .addThresholds(ThresholdInfo.newBuilder().setThresholdId(row.getString(3))
                                    .setSensorId(sensor).setType(type).setValue(row.getDouble(5)).setSeverity(severity));
                }
            }
        }
        Map<String, SensorWithThresholds> expected = new HashMap<>();
        builders.forEach((id, builder) -> expected.put(id, builder.build()));
        return expected;
    }
}

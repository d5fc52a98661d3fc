--liquibase formatted sql

-- The Python schema has no index on sensor_thresholds.sensor_id: every per-sensor lookup and
-- every cascading sensor delete scanned the whole table.
--changeset placebrain:002-ix-sensor-thresholds-sensor-id
CREATE INDEX IF NOT EXISTS ix_sensor_thresholds_sensor_id ON sensor_thresholds (sensor_id);

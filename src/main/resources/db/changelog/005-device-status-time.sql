--liquibase formatted sql

-- Status reports reach the service in no guaranteed order (telemetry.status is partitioned at
-- random): the time of the last status applied lets an older report lose. The Python service
-- neither reads nor writes this column; its inserts leave it NULL ("no status applied yet").
--changeset placebrain:005-devices-status-reported-at
ALTER TABLE devices ADD COLUMN IF NOT EXISTS status_reported_at TIMESTAMP WITH TIME ZONE;

--liquibase formatted sql

--changeset placebrain:001-type-devicestatusenum
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'devicestatusenum' AND n.nspname = current_schema()
CREATE TYPE devicestatusenum AS ENUM ('ONLINE', 'OFFLINE');

--changeset placebrain:001-type-actuatorvaluetypeenum
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'actuatorvaluetypeenum' AND n.nspname = current_schema()
CREATE TYPE actuatorvaluetypeenum AS ENUM ('NUMBER', 'BOOLEAN', 'ENUM');

--changeset placebrain:001-type-valuetypeenum
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'valuetypeenum' AND n.nspname = current_schema()
CREATE TYPE valuetypeenum AS ENUM ('NUMBER', 'BOOLEAN');

--changeset placebrain:001-type-thresholdtypeenum
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'thresholdtypeenum' AND n.nspname = current_schema()
CREATE TYPE thresholdtypeenum AS ENUM ('MIN', 'MAX');

--changeset placebrain:001-type-thresholdseverityenum
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'thresholdseverityenum' AND n.nspname = current_schema()
CREATE TYPE thresholdseverityenum AS ENUM ('WARNING', 'CRITICAL');

--changeset placebrain:001-table-devices
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'devices'
CREATE TABLE devices (
    place_id UUID NOT NULL,
    name VARCHAR(255) NOT NULL,
    token_hash VARCHAR(255) NOT NULL,
    status devicestatusenum NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    id UUID NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_devices_place_id ON devices (place_id);

--changeset placebrain:001-table-actuators
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'actuators'
CREATE TABLE actuators (
    device_id UUID NOT NULL,
    key VARCHAR(100) NOT NULL,
    name VARCHAR(255) NOT NULL,
    value_type actuatorvaluetypeenum NOT NULL,
    unit_label VARCHAR(50) NOT NULL,
    precision INTEGER NOT NULL,
    min_value FLOAT,
    max_value FLOAT,
    step FLOAT,
    enum_options JSONB,
    id UUID NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (device_id) REFERENCES devices (id) ON DELETE CASCADE,
    UNIQUE (device_id, key)
);

--changeset placebrain:001-table-sensors
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'sensors'
CREATE TABLE sensors (
    device_id UUID NOT NULL,
    key VARCHAR(100) NOT NULL,
    name VARCHAR(255) NOT NULL,
    value_type valuetypeenum NOT NULL,
    unit_label VARCHAR(50) NOT NULL,
    precision INTEGER NOT NULL,
    id UUID NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (device_id) REFERENCES devices (id) ON DELETE CASCADE,
    UNIQUE (device_id, key)
);

--changeset placebrain:001-table-sensor_thresholds
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'sensor_thresholds'
CREATE TABLE sensor_thresholds (
    sensor_id UUID NOT NULL,
    type thresholdtypeenum NOT NULL,
    value FLOAT NOT NULL,
    severity thresholdseverityenum NOT NULL,
    id UUID NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (sensor_id) REFERENCES sensors (id) ON DELETE CASCADE
);

--liquibase formatted sql

-- The W3C traceparent of the call that wrote an outbox event, published as the record's header of
-- that name (README "Tracing"). Nullable: NULL when tracing is off or the writer was not traced.
-- outbox_events is this service's own table; the Python service never reads it.
--changeset placebrain:007-outbox-events-traceparent
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS traceparent VARCHAR(255);

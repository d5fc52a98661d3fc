--liquibase formatted sql

-- Transactional outbox: an event row is written in the same transaction as the change it
-- reports, and the relay publishes it to Kafka only after that commit (CONTRACT §2: an event
-- is published if and only if its change committed). seq gives the publication order.
--changeset placebrain:003-outbox-events
CREATE TABLE outbox_events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id UUID NOT NULL UNIQUE,
    topic VARCHAR(255) NOT NULL,
    record_key VARCHAR(255) NOT NULL,
    payload TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL
);

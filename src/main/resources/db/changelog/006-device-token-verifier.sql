--liquibase formatted sql

-- A fast verifier of the device token beside its bcrypt hash (mqttaccess.TokenVerifier), so that
-- a login is checked without bcrypt and guessing cannot use up a device's bcrypt checks. Nullable:
-- the Python service neither reads nor writes it, its inserts leave it NULL, and a verifier it
-- leaves behind when it replaces a token is bound to the old hash and never used.
--changeset placebrain:006-devices-token-verifier
ALTER TABLE devices ADD COLUMN IF NOT EXISTS token_verifier VARCHAR(128);

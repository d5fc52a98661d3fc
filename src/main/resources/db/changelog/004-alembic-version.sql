--liquibase formatted sql

-- Rollback safety: the Python service runs Alembic, which reads the revision a database is at
-- from alembic_version. A database this service created gets the table exactly as Alembic creates
-- it, at the Python service's head revision 8b4ab59d4c4a (its last migration, which dropped
-- mqtt_credentials): changesets 001-* build that head's schema, so Alembic has nothing to migrate.
-- A database adopted from the Python service already has the table; it is left as it is.
--changeset placebrain:004-alembic-version-table
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'alembic_version'
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Only into an empty table (just created, or emptied): to Alembic an empty table means "no
-- migration ran", and it would try to create tables that exist. A row already there, whatever its
-- revision, is the Python service's word and is never touched.
--changeset placebrain:004-alembic-version-head
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM alembic_version
INSERT INTO alembic_version (version_num) VALUES ('8b4ab59d4c4a');

--liquibase formatted sql

-- Every change to a device or its parts notifies channel device_answers when it commits, so each
-- replica drops its copies of the answers it changes (devices.DeviceAnswers): "<device_id>
-- <place_id>" for a device's own row (ListDevices of that place changes too), "<device_id>" for a
-- sensor or actuator. Triggers, not the service's code, so that no writer is missed: the Kafka
-- consumers, a cascade, the Python service after a rollback, an operator's SQL. A notification
-- nobody listens for costs the writer little (README, "Rolling back to the Python service").
--changeset placebrain:008-function-device-answers-changed splitStatements:false
CREATE OR REPLACE FUNCTION device_answers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'devices' THEN
        IF TG_OP <> 'INSERT' THEN
            PERFORM pg_notify('device_answers', OLD.id::text || ' ' || OLD.place_id::text);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            PERFORM pg_notify('device_answers', NEW.id::text || ' ' || NEW.place_id::text);
        END IF;
    ELSE
        IF TG_OP <> 'INSERT' THEN
            PERFORM pg_notify('device_answers', OLD.device_id::text);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            PERFORM pg_notify('device_answers', NEW.device_id::text);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

--changeset placebrain:008-triggers-device-answers-changed
CREATE TRIGGER devices_answers_changed AFTER INSERT OR UPDATE OR DELETE ON devices
    FOR EACH ROW EXECUTE FUNCTION device_answers_changed();
CREATE TRIGGER sensors_answers_changed AFTER INSERT OR UPDATE OR DELETE ON sensors
    FOR EACH ROW EXECUTE FUNCTION device_answers_changed();
CREATE TRIGGER actuators_answers_changed AFTER INSERT OR UPDATE OR DELETE ON actuators
    FOR EACH ROW EXECUTE FUNCTION device_answers_changed();

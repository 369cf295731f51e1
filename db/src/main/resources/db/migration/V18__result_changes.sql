-- A result's proof or on-chain status changed: one notification on channel veriscore_result, its payload the result's
-- id, sent when the transaction commits, to every instance listening (issue 23: event streams wait for these instead
-- of polling the database). A submission's events notify every result it records (all the rows of a batch proof).
CREATE FUNCTION notify_result_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    result uuid;
BEGIN
    IF TG_TABLE_NAME = 'proof_event' THEN
        PERFORM pg_notify('veriscore_result', NEW.inference_id::text);
        RETURN NULL;
    END IF;
    FOR result IN
        SELECT s.inference_id FROM chain_submission s WHERE s.id = NEW.submission_id
        UNION
        SELECT m.inference_id FROM chain_submission s
            JOIN proof p ON p.inference_id = s.inference_id
            JOIN proof_batch_member m ON m.batch_id = p.batch_id
        WHERE s.id = NEW.submission_id
    LOOP
        PERFORM pg_notify('veriscore_result', result::text);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER proof_event_notifies AFTER INSERT ON proof_event FOR EACH ROW EXECUTE FUNCTION notify_result_changed();
CREATE TRIGGER chain_event_notifies AFTER INSERT ON chain_event FOR EACH ROW EXECUTE FUNCTION notify_result_changed();

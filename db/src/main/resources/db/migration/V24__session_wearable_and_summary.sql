-- Issue 26: a face session's wearable windows (fused with the face's readings) and its signed summary.

CREATE TABLE session_wearable (
    session_id   uuid             NOT NULL REFERENCES face_session (id),
    seq          integer          NOT NULL CHECK (seq >= 1),
    captured_at  timestamptz      NOT NULL, -- the end of the window
    received_at  timestamptz      NOT NULL,
    stress       double precision NOT NULL CHECK (stress BETWEEN 0 AND 1), -- the biosignal model's probability
    label        text             NOT NULL, -- baseline, stress or abstain
    quality      jsonb            NOT NULL, -- channel -> problem; the window abstains from fusion when not empty
    PRIMARY KEY (session_id, seq)
);

-- One summary per session, signed into the transparency log (kind session-summary); frames added afterwards are
-- refused. result_ids: the results made of the sampled frames when the summary was proven (else empty).
CREATE TABLE session_summary (
    session_id   uuid        PRIMARY KEY REFERENCES face_session (id),
    created_at   timestamptz NOT NULL,
    summary      jsonb       NOT NULL,
    result_ids   uuid[]      NOT NULL
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['session_wearable', 'session_summary'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION reject_change()',
                t || '_append_only', t);
    END LOOP;
END
$$;

ALTER TABLE log_entry DROP CONSTRAINT log_entry_kind_check;
ALTER TABLE log_entry ADD CONSTRAINT log_entry_kind_check CHECK (kind IN ('inference', 'proof', 'onchain', 'session-summary'));

-- A record's subject is a result, or a session for its summary: the foreign key to inference becomes this check.
ALTER TABLE log_entry DROP CONSTRAINT log_entry_subject_id_fkey;

CREATE FUNCTION log_entry_subject_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind = 'session-summary' THEN
        PERFORM 1 FROM face_session WHERE id = NEW.subject_id;
    ELSE
        PERFORM 1 FROM inference WHERE id = NEW.subject_id;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'log_entry: no % subject %', NEW.kind, NEW.subject_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER log_entry_subject BEFORE INSERT ON log_entry FOR EACH ROW EXECUTE FUNCTION log_entry_subject_exists();

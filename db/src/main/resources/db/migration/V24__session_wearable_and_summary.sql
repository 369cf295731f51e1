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

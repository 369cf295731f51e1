-- Face sessions: a client streams frames of one face; each frame's readings are kept, append-only, and the
-- session's aggregates (blink rate, PERCLOS, yawns, stress trend, emotions) are computed from them.

CREATE TABLE face_session (
    id          uuid PRIMARY KEY,
    client      text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE session_frame (
    session_id          uuid             NOT NULL REFERENCES face_session (id),
    seq                 integer          NOT NULL CHECK (seq >= 1),
    captured_at         timestamptz      NOT NULL,
    received_at         timestamptz      NOT NULL,
    eye_aspect          double precision NOT NULL, -- mean of both eyes' aspect ratios
    mouth_aspect        double precision NOT NULL, -- inner lips' gap / mouth width
    stress              double precision NOT NULL,
    emotion             text             NOT NULL,
    emotion_confidence  double precision NOT NULL,
    features            jsonb            NOT NULL, -- the stress model's input
    emotions            jsonb            NOT NULL, -- the seven probabilities
    face                jsonb            NOT NULL, -- box, scores, image size and SHA-256
    PRIMARY KEY (session_id, seq)
);

CREATE INDEX face_session_by_client ON face_session (client, created_at DESC);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['face_session', 'session_frame'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION reject_change()',
                t || '_append_only', t);
    END LOOP;
END
$$;

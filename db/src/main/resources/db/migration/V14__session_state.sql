-- A face session's aggregates are kept up to date frame by frame (issue 15's noticed defect): each frame used to
-- re-read every stored frame of its session. The state is derived data: the frames stay the append-only record, and a
-- session without a row (made before this migration) gets one by replaying its frames on its next frame.
CREATE TABLE face_session_state (
    session_id  uuid PRIMARY KEY REFERENCES face_session (id),
    frames      integer NOT NULL,
    state       text    NOT NULL -- SessionState as JSON
);

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'veriscore_service') THEN
        GRANT SELECT, INSERT, UPDATE ON face_session_state TO veriscore_service;
    END IF;
END
$$;

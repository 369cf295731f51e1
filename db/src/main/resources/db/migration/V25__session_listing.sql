-- A client's sessions, newest first, a page at a time (GET /v1/sessions, issue 27); an auditor's: every client's.
CREATE INDEX face_session_by_client_time ON face_session (client, created_at DESC, id DESC);
CREATE INDEX face_session_by_time ON face_session (created_at DESC, id DESC);

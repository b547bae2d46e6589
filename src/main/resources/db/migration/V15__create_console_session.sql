-- Console sign-in sessions (issue 15). The session id itself lives only in the browser's HttpOnly cookie: id_hash
-- is its hex SHA-256 (256 random bits, so a plain hash is enough), so a copy of this table signs nobody in. A row
-- per session, shared by every replica: signing in on one and calling another works, and signing out (deleting
-- the row) ends it on all of them. The session has the role of its key; revoking the key ends its sessions.
CREATE TABLE console_session (
    id_hash     VARCHAR(64)   NOT NULL PRIMARY KEY,
    key_id      UUID          NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX console_session_expiry ON console_session (expires_at);

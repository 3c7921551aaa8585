-- CARE credentials kept for replaying writes as their user. Tokens are encrypted (AES-GCM) with a key from
-- configuration; the password is kept only as a slow salted hash, for sign-in while CARE is unreachable.
CREATE TABLE care_credential (
    user_id            VARCHAR(100)             NOT NULL PRIMARY KEY,
    username           VARCHAR(150)             NOT NULL,
    first_name         VARCHAR(150),
    last_name          VARCHAR(150),
    password_hash      VARCHAR(200),
    access_token       TEXT,
    access_expires_at  TIMESTAMP WITH TIME ZONE,
    refresh_token      TEXT,
    refresh_expires_at TIMESTAMP WITH TIME ZONE,
    needs_sign_in      BOOLEAN                  NOT NULL DEFAULT FALSE,
    failed_attempts    INTEGER                  NOT NULL DEFAULT 0,
    locked_until       TIMESTAMP WITH TIME ZONE,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX care_credential_username ON care_credential (lower(username));

-- care-sync's own sessions, so that logout ends a session before its token expires.
CREATE TABLE user_session (
    session_id  VARCHAR(64)              NOT NULL PRIMARY KEY,
    user_id     VARCHAR(100)             NOT NULL,
    username    VARCHAR(150)             NOT NULL,
    device_id   VARCHAR(100),
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX user_session_user ON user_session (user_id);
CREATE INDEX user_session_expires ON user_session (expires_at) WHERE revoked_at IS NULL;

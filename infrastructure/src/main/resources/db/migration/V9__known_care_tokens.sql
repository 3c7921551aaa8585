-- The transparent CARE API mode: CARE tokens care-sync saw CARE issue to a user (sign-in and refresh answers passing
-- through) or accept for that user (2xx answers), kept as SHA-256 hashes only, until they expire. While CARE cannot be
-- reached, the web app's own CARE token then still proves who its user is.
CREATE TABLE known_care_token (
    token_hash CHAR(64)                 NOT NULL PRIMARY KEY,
    user_id    VARCHAR(100)             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX known_care_token_expires ON known_care_token (expires_at);

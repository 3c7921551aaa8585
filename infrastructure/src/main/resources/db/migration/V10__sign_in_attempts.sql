-- Wrong passwords per username, for any name tried: a name care-sync has never seen gets a row here, never a
-- care_credential row (which would let it sign in while CARE is unreachable). The key is the username as typed,
-- normalised (NFKC, trimmed, lower case), so spelling variants of one name share a count.
CREATE TABLE sign_in_attempt (
    username_key    TEXT                     NOT NULL PRIMARY KEY,
    failed_attempts INTEGER                  NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_attempt_updated ON sign_in_attempt (updated_at);

-- the counters that lived on the credential, for known users only, are replaced by the table above
ALTER TABLE care_credential DROP COLUMN failed_attempts, DROP COLUMN locked_until;

-- The query cache (DESIGN.md §4): copies of CARE answers per user, a persisted TanStack Query client per user, and
-- the base versions of writes for the three-way merge. All of it is a deletable copy of upstream data, never a
-- fact of this system: wiped at logout and session expiry, evicted by size and age, and never in the event store.
CREATE TABLE query_cache_entry (
    user_id      VARCHAR(100)             NOT NULL,
    cache_key    CHAR(64)                 NOT NULL, -- sha256 of the route key and its canonical parameters
    route_key    VARCHAR(100)             NOT NULL,
    params       JSONB                    NOT NULL,
    body         BYTEA                    NOT NULL, -- CARE's answer, byte for byte
    size_bytes   INTEGER                  NOT NULL,
    fetched_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, cache_key)
);
CREATE INDEX query_cache_entry_lru ON query_cache_entry (last_used_at);
CREATE INDEX query_cache_entry_user_lru ON query_cache_entry (user_id, last_used_at);
CREATE INDEX query_cache_entry_expires ON query_cache_entry (expires_at);

CREATE TABLE persisted_client (
    user_id    VARCHAR(100)             NOT NULL PRIMARY KEY,
    buster     VARCHAR(200)             NOT NULL,
    client     BYTEA                    NOT NULL, -- {buster, timestamp, clientState} as JSON
    size_bytes INTEGER                  NOT NULL,
    stored_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE write_base (
    write_id VARCHAR(64)              NOT NULL PRIMARY KEY,
    user_id  VARCHAR(100)             NOT NULL,
    base     JSONB                    NOT NULL,
    kept_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX write_base_user ON write_base (user_id);

-- The write views, kept by the write-views projection from the events. Deletable and rebuildable: the events
-- are the record.
CREATE TABLE write_view (
    write_id               VARCHAR(64)              NOT NULL PRIMARY KEY,
    seq                    BIGINT                   NOT NULL, -- the global index of the write's first event: hand-over order
    user_id                VARCHAR(100)             NOT NULL,
    device_id              VARCHAR(100),
    sync_route_key         VARCHAR(100)             NOT NULL,
    type                   VARCHAR(100),
    resource_type          VARCHAR(100),
    record_key             VARCHAR(300)             NOT NULL,
    sync_partition         SMALLINT                 NOT NULL,
    path_params            JSONB,
    query_params           JSONB,
    payload                JSONB                    NOT NULL,
    base_payload           JSONB,
    parent_mutation_ids    JSONB                    NOT NULL,
    client_timestamp       BIGINT,
    server_timestamp       VARCHAR(64),
    query_route_key        VARCHAR(100),
    received_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    status                 VARCHAR(16)              NOT NULL,
    block_reason           VARCHAR(32),
    blocked_by             JSONB                    NOT NULL DEFAULT '[]',
    block_detail           TEXT,
    attempt                INTEGER                  NOT NULL DEFAULT 0,
    attempt_node           VARCHAR(200),
    retries                INTEGER                  NOT NULL DEFAULT 0,
    retryable              BOOLEAN,
    last_error             JSONB,
    last_attempt_at        TIMESTAMP WITH TIME ZONE,
    next_attempt_at        TIMESTAMP WITH TIME ZONE,
    conflict_data          JSONB,
    conflict_modified_date VARCHAR(64),
    response               JSONB,
    real_id                VARCHAR(100),
    result_modified_date   VARCHAR(64),
    revision               INTEGER                  NOT NULL DEFAULT 0,
    archived               BOOLEAN                  NOT NULL DEFAULT FALSE,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    last_event_sequence    BIGINT                   NOT NULL
);
CREATE UNIQUE INDEX write_view_seq ON write_view (seq);
CREATE INDEX write_view_user_status ON write_view (user_id, status, seq DESC);
CREATE INDEX write_view_status_seq ON write_view (status, seq) WHERE NOT archived;
CREATE INDEX write_view_record ON write_view (record_key, seq);

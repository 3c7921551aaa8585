-- The auditors' index, kept by the audit-index projection from the events (deletable and rebuildable: the events
-- are the record): who handed each write over and from which device, and every id each write has mentioned (its
-- temporary id, its real id, ids in its path params, query params and payload), so auditors can ask by user,
-- device or resource without reading every payload.
CREATE TABLE audit_write_index (
    write_id  VARCHAR(255) NOT NULL PRIMARY KEY,
    user_id   VARCHAR(100) NOT NULL,
    device_id VARCHAR(100)
);
CREATE INDEX audit_write_index_user ON audit_write_index (user_id);
CREATE INDEX audit_write_index_device ON audit_write_index (device_id);

CREATE TABLE audit_write_resource (
    resource VARCHAR(300) NOT NULL,
    write_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (resource, write_id)
);

-- Time-range queries of auditors (and Axon's own token-at-time lookups) compare the stored ISO text.
CREATE INDEX domainevententry_timestamp ON domainevententry (timestamp);

-- Tamper evidence starts here: every event appended from now on carries a chained seal in its metadata. Events
-- stored before (an installation older than this migration) are reported as unsealed, not as breaks.
CREATE TABLE audit_seal (
    sealed_from BIGINT NOT NULL
);
INSERT INTO audit_seal (sealed_from) SELECT COALESCE(max(globalindex), 0) + 1 FROM domainevententry;

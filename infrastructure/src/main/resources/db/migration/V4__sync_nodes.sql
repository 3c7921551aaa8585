-- Nodes sharing one database split the write queue's partitions through leases.
CREATE TABLE sync_node (
    node_id      VARCHAR(200)             NOT NULL PRIMARY KEY,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sync_lease (
    sync_partition SMALLINT                 NOT NULL PRIMARY KEY,
    owner          VARCHAR(200),
    lease_until    TIMESTAMP WITH TIME ZONE
);
INSERT INTO sync_lease (sync_partition) SELECT generate_series(0, 15);

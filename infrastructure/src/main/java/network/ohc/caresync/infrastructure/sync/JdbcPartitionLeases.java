package network.ohc.caresync.infrastructure.sync;

import network.ohc.caresync.application.sync.PartitionLeases;
import network.ohc.caresync.application.sync.SyncPartitions;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Partition leases in PostgreSQL (database time, so node clocks do not matter). Each node keeps a heartbeat,
 * renews its leases, claims expired or free partitions up to its fair share, and hands back what is over its
 * share when another node joins.
 */
public class JdbcPartitionLeases implements PartitionLeases {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String nodeId;
    private final Duration lease;
    private volatile Set<Integer> owned = Set.of();
    private volatile Instant ownedUntil = Instant.EPOCH;

    public JdbcPartitionLeases(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, String nodeId,
                               Duration lease) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.nodeId = nodeId;
        this.lease = lease;
    }

    @Override
    public Set<Integer> renew() {
        Instant started = Instant.now();
        Set<Integer> mine = transactions.execute(status -> {
            MapSqlParameterSource p = new MapSqlParameterSource("node", nodeId)
                    .addValue("lease", lease.toMillis() + " milliseconds");
            jdbc.update("""
                    INSERT INTO sync_node (node_id, started_at, heartbeat_at) VALUES (:node, now(), now())
                    ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = now()
                    """, p);
            Integer live = jdbc.queryForObject("SELECT count(*) FROM sync_node "
                    + "WHERE heartbeat_at > now() - CAST(:lease AS interval)", p, Integer.class);
            int share = (int) Math.ceil(SyncPartitions.COUNT / (double) Math.max(1, live == null ? 1 : live));
            Set<Integer> partitions = new TreeSet<>(jdbc.queryForList("""
                    UPDATE sync_lease SET lease_until = now() + CAST(:lease AS interval)
                    WHERE owner = :node AND lease_until > now()
                    RETURNING sync_partition
                    """, p, Integer.class));
            if (partitions.size() < share) {
                partitions.addAll(jdbc.queryForList("""
                        UPDATE sync_lease SET owner = :node, lease_until = now() + CAST(:lease AS interval)
                        WHERE sync_partition IN (SELECT sync_partition FROM sync_lease
                                                 WHERE owner IS NULL OR lease_until <= now()
                                                 ORDER BY sync_partition LIMIT :want FOR UPDATE SKIP LOCKED)
                        RETURNING sync_partition
                        """, p.addValue("want", share - partitions.size()), Integer.class));
            } else if (partitions.size() > share) {
                List<Integer> extra = new ArrayList<>(partitions).subList(share, partitions.size());
                jdbc.update("UPDATE sync_lease SET owner = NULL, lease_until = NULL "
                        + "WHERE owner = :node AND sync_partition IN (:extra)", p.addValue("extra", extra));
                partitions.removeAll(new ArrayList<>(extra));
            }
            return partitions;
        });
        owned = Set.copyOf(mine);
        ownedUntil = started.plus(lease).minus(lease.dividedBy(5));
        return owned;
    }

    @Override
    public Set<Integer> owned() {
        return Instant.now().isBefore(ownedUntil) ? owned : Set.of();
    }

    @Override
    public void release() {
        owned = Set.of();
        ownedUntil = Instant.EPOCH;
        try {
            jdbc.update("UPDATE sync_lease SET owner = NULL, lease_until = NULL WHERE owner = :node",
                    Map.of("node", nodeId));
            jdbc.update("DELETE FROM sync_node WHERE node_id = :node", Map.of("node", nodeId));
        } catch (RuntimeException databaseGone) {
            // the leases expire by themselves
        }
    }
}

package network.ohc.caresync.application.sync;

import java.util.Set;

/**
 * Port: which partitions of the write queue this node owns now. Nodes sharing one database split the partitions
 * among themselves; a node that stops renewing loses its partitions to the others.
 */
public interface PartitionLeases {

    /** Renews this node's leases and claims its fair share; returns the partitions it owns afterwards. */
    Set<Integer> renew();

    /** The partitions owned at the last renewal that are still within their lease. */
    Set<Integer> owned();

    /** Gives all partitions up (on shutdown), so other nodes take them at once. */
    void release();
}

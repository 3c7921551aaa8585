package network.ohc.caresync.application.sync;

/**
 * Writes are split into a fixed number of partitions by user, so that one node at a time owns a user's queue.
 * The number is part of the stored data: changing it would move writes between partitions.
 */
public final class SyncPartitions {

    public static final int COUNT = 16;

    private SyncPartitions() {
    }

    public static int of(String userId) {
        return Math.floorMod(userId.hashCode(), COUNT);
    }
}

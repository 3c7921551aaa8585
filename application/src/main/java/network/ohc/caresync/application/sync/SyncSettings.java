package network.ohc.caresync.application.sync;

import java.time.Duration;

/**
 * How the engine runs.
 *
 * @param nodeId               this node's stable name (kept across restarts)
 * @param maxInFlight          upper bound of concurrent upstream requests of this node
 * @param passInterval         how often a pass looks for work even when nothing woke it
 * @param inDoubtDelay         how long after a lost answer the engine looks upstream for what happened
 * @param abandonedAfter       an attempt of another node older than this, with no outcome, is taken as lost
 * @param upstreamHonoursIdempotencyKeys whether CARE keeps Idempotency-Key (then an in-doubt create may be sent
 *                             again safely); CARE does not, so the default is false
 */
public record SyncSettings(String nodeId, int maxInFlight, Duration passInterval, Duration inDoubtDelay,
                           Duration abandonedAfter, boolean upstreamHonoursIdempotencyKeys) {

    public SyncSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("care-sync.sync.max-in-flight must be at least 1");
        }
    }
}

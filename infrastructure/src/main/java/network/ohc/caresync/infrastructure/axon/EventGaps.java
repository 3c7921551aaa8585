package network.ohc.caresync.infrastructure.axon;

import java.time.Duration;

/**
 * Holes in the event store's global index. An append takes its global index when it inserts and becomes visible
 * when it commits, so one that commits after a later append leaves a hole that fills late; one that rolls back, or
 * is cut short when a node is killed, leaves a hole for good. Whoever reads the store in global index order must not
 * pass a hole that may still fill, or the event that fills it is never read.
 */
public final class EventGaps {

    /**
     * How long a gap may still be an event on its way (a transaction not yet committed), counted from the first
     * event after it. Appends are single short transactions, and one device's writes are stored one after the other,
     * so a gap older than this is a transaction that never committed. Kept short: every rollback (two commands racing
     * on one write) leaves a gap, and readers behind it wait this long.
     */
    public static final Duration WAIT = Duration.ofSeconds(2);

    private EventGaps() {
    }
}

package network.ohc.caresync.application.cache;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Port: reads the user's own writes from the write views, for the overlay of pending writes. */
public interface OverlayWrites {

    /**
     * The user's writes on the given routes that are not synced yet (pending, blocked, in flight, failed, conflict,
     * in doubt), plus, when {@code syncedAfter} is given, those that synced after it; oldest first.
     */
    List<OverlayWrite> of(String userId, Collection<String> syncRouteKeys, Instant syncedAfter);

    /** The user's writes with these ids, whatever their status. */
    List<OverlayWrite> byIds(String userId, Collection<String> writeIds);
}

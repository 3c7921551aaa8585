package network.ohc.caresync.application.write;

import network.ohc.caresync.domain.write.SyncedParent;

import java.util.Collection;
import java.util.Map;

/**
 * Port: which writes exist, whose they are and which are created upstream already, read from the event store
 * itself so that a write handed over (or synced) a moment ago is known even before any projection has caught up.
 */
public interface WriteRegistry {

    /** Owner (user id) of each of the given write ids that exists; unknown ids are absent from the map. */
    Map<String, String> ownersOf(Collection<String> writeIds);

    /**
     * Those of the given writes that CARE accepted (synced, or an in-doubt attempt found applied), with the real id
     * and {@code modified_date} their sync left, by write id; the others are absent. One query for all of them.
     */
    Map<String, SyncedParent> syncedAmong(Collection<String> writeIds);
}

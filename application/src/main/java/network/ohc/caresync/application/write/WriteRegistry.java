package network.ohc.caresync.application.write;

import java.util.Collection;
import java.util.Map;

/**
 * Port: which writes exist and whose they are, read from the event store itself so that a write handed over a
 * moment ago is known even before any projection has caught up.
 */
public interface WriteRegistry {

    /** Owner (user id) of each of the given write ids that exists; unknown ids are absent from the map. */
    Map<String, String> ownersOf(Collection<String> writeIds);
}

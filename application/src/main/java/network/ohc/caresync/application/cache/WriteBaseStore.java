package network.ohc.caresync.application.cache;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Port: for writes that name the version they edited ({@code queryrouteKey} + {@code serverTimestamp}) but sent no
 * {@code basePayload}, a copy of that version taken from the user's cache when the write was handed over, so the
 * three-way merge has a base even after the cache entry was refreshed or wiped. The events cannot make these
 * copies again: each copy goes when its write ends.
 */
public interface WriteBaseStore {

    /** Keeps the base of a write; a second keep of the same write changes nothing. */
    void keep(String writeId, String userId, Map<String, Object> base, Instant at);

    Optional<Map<String, Object>> find(String writeId);

    void delete(String writeId);

    /** Empties the table. Not for a rebuild: the events cannot make the copies again (see WriteBaseProjection). */
    void deleteAll();
}

package network.ohc.caresync.application.route;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How a query route's answers show the user's own writes that CARE has not got yet (DESIGN.md §4).
 *
 * @param writes       the mutation routes whose writes are shown
 * @param as           {@link Kind#UPDATE}: a write's payload is laid over the record it changes;
 *                     {@link Kind#CREATE}: a write is shown as a record of its own
 * @param match        which writes belong: for an update, record field → write field (e.g. {@code id:
 *                     pathParams.id}); for a create, request parameter → write field (e.g. {@code patient:
 *                     payload.patient}); a create matched on {@code writeId} is the record a temporary id names.
 *                     Write fields are {@code writeId}, {@code pathParams.x}, {@code queryParams.x}, {@code payload.x}
 * @param objects      fields CARE answers as an object where a device writes an id: field → the query route that
 *                     gives the object (looked up in the user's cache), or null for a bare {@code {id}}
 * @param placeholders server-made fields a pending record gets, besides ids, dates and creator
 */
public record Overlay(Set<String> writes, Kind as, Map<String, String> match, Map<String, String> objects,
                      Map<String, Object> placeholders) {

    public enum Kind { CREATE, UPDATE }

    public static final String WRITE_ID = "writeId";

    public Overlay {
        writes = Set.copyOf(writes);
        match = Collections.unmodifiableMap(new LinkedHashMap<>(match == null ? Map.of() : match));
        objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects == null ? Map.of() : objects));
        placeholders = Collections.unmodifiableMap(new LinkedHashMap<>(placeholders == null ? Map.of() : placeholders));
    }

    /** A create rule that answers a detail request for a temporary id with the pending record itself. */
    public boolean isTemporaryRecord() {
        return as == Kind.CREATE && match.containsValue(WRITE_ID);
    }
}

package network.ohc.caresync.application.route;

import network.ohc.caresync.domain.dependency.TemporaryIdPlaces;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the route table: how a CARE web app route key becomes an upstream HTTP call.
 *
 * @param record     template of the upstream record the route touches (e.g. {@code patient:{id}}), which orders
 *                   writes to the same record; creates use their own write id
 * @param schema     name of the JSON Schema the payload must satisfy, or null
 * @param stamp      payload fields care-sync fills when the device left them empty (e.g. an external identifier
 *                   carrying the write id, so an in-doubt create can be found again)
 * @param lookup     how an in-doubt create is found again, or null
 * @param alwaysManual payload fields whose conflicts always go to a person
 * @param overlays   for a query route: how its answers show the user's writes CARE has not got yet
 * @param queryRoute for a mutation route: the query route that reads the record it makes or changes (e.g.
 *                   {@code getPatient} for {@code update_patient}), by that record's id; or null
 * @param temporaryIds for a mutation route: where its writes may hold temporary ids (e.g. {@code payload.patient});
 *                   only there are they found and replaced. Anywhere when the route does not say
 */
public record Route(String key, String method, PathTemplate path, RouteKind kind, String resourceType,
                    String record, String schema, boolean persist, Duration maxAge, Map<String, String> stamp,
                    Lookup lookup, Set<String> alwaysManual, List<Overlay> overlays, String queryRoute,
                    TemporaryIdPlaces temporaryIds) {

    public Route {
        stamp = stamp == null ? Map.of() : Map.copyOf(stamp);
        alwaysManual = alwaysManual == null ? Set.of() : Set.copyOf(alwaysManual);
        overlays = overlays == null ? List.of() : List.copyOf(overlays);
        temporaryIds = temporaryIds == null ? TemporaryIdPlaces.anywhere() : temporaryIds;
    }

    public Route(String key, String method, PathTemplate path, RouteKind kind, String resourceType, String record,
                 String schema, boolean persist, Duration maxAge, Map<String, String> stamp, Lookup lookup,
                 Set<String> alwaysManual, List<Overlay> overlays, String queryRoute) {
        this(key, method, path, kind, resourceType, record, schema, persist, maxAge, stamp, lookup, alwaysManual,
                overlays, queryRoute, null);
    }

    public Route(String key, String method, PathTemplate path, RouteKind kind, String resourceType, String record,
                 String schema, boolean persist, Duration maxAge, Map<String, String> stamp, Lookup lookup,
                 Set<String> alwaysManual, List<Overlay> overlays) {
        this(key, method, path, kind, resourceType, record, schema, persist, maxAge, stamp, lookup, alwaysManual,
                overlays, null);
    }

    public boolean isMutation() {
        return kind.isMutation();
    }

    /** The ordering key of a write on this route: its upstream record, or the write itself for a new record. */
    public String recordKey(String writeId, Map<String, Object> pathParams) {
        if (record == null || kind == RouteKind.CREATE) {
            return (resourceType == null ? key : resourceType) + ":" + writeId;
        }
        return PathTemplate.of(record).fill(pathParams == null ? Map.of() : pathParams, false);
    }
}

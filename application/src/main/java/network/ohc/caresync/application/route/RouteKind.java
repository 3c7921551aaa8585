package network.ohc.caresync.application.route;

import java.util.Locale;

/** What a route does upstream. */
public enum RouteKind {
    /** POST that makes a new record: not idempotent in CARE. */
    CREATE,
    /** PUT of an existing record: partial, last writer wins. */
    UPDATE,
    /** Another mutation of an existing record (e.g. add_user). */
    ACTION,
    /** POST /api/v1/batch_requests/: all or nothing. */
    BATCH,
    /** A read, for the conflict check and the query cache. */
    QUERY;

    public static RouteKind parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public boolean isMutation() {
        return this != QUERY;
    }
}

package network.ohc.caresync.application.cache;

/** A cached read that cannot be answered, with what the caller can do about it. */
public class CacheReadRefused extends RuntimeException {

    public enum Reason {
        /** No query route by that key. */
        UNKNOWN_ROUTE,
        /** A parameter is missing or given twice. */
        INVALID_PARAMETER,
        /** CARE cannot be reached and no stored copy may be served. */
        NOT_AVAILABLE_OFFLINE,
        /** care-sync holds no valid CARE token for the user: they must sign in again. */
        SIGN_IN_REQUIRED,
        /** A temporary id that names no record of the user's. */
        NOT_FOUND
    }

    private final Reason reason;
    private final String field;

    public CacheReadRefused(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The request part at fault ({@code routeKey} or a parameter name), or null. */
    public String field() {
        return field;
    }
}

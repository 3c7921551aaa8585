package network.ohc.caresync.domain.write;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Classified reasons an attempt failed. Whether a kind is worth retrying is a property of the kind. */
public enum FailureKind {
    /** 400: CARE refused the content; sending it again gives the same answer. */
    VALIDATION(false),
    /** 404: the record (or a referenced one) does not exist upstream. */
    NOT_FOUND(false),
    /** 403 other than an invalid token: the user may not do this. */
    FORBIDDEN(false),
    /** Any other 4xx. */
    CLIENT_ERROR(false),
    /** 429. */
    RATE_LIMITED(true),
    /** 5xx. */
    SERVER_ERROR(true),
    /** The connection failed before an answer and the request did not change anything. */
    NETWORK(true),
    /** The route table cannot turn the write into a request (e.g. a path parameter is missing). */
    UNROUTABLE(false);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FailureKind fromWireName(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}

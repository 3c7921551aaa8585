package network.ohc.caresync.application.cache;

import java.time.Duration;
import java.time.Instant;

/**
 * The answer to a cached read: CARE's status and body (with the user's pending writes laid over a 2xx body), where it
 * came from, and for a stored copy when it was fetched and how old it is.
 */
public record CachedRead(int status, byte[] body, Source source, Instant fetchedAt, Duration age) {

    public enum Source {
        /** CARE answered just now. */
        UPSTREAM,
        /** CARE could not be reached; this is the copy stored when it last answered. */
        CACHE,
        /** Made from the user's own writes that CARE has not got yet (a temporary id). */
        LOCAL;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

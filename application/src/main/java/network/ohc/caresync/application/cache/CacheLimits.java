package network.ohc.caresync.application.cache;

import java.time.Duration;

/**
 * How much the query cache may hold, per user and in total (least recently used entries go first), how long an
 * entry of a route without {@code maxAge} lives, and how large a persisted client may be.
 */
public record CacheLimits(long maxBytesPerUser, long maxBytesTotal, Duration defaultMaxAge,
                          long maxPersistedClientBytes) {

    public CacheLimits {
        if (maxBytesPerUser <= 0 || maxBytesTotal <= 0 || maxPersistedClientBytes <= 0) {
            throw new IllegalArgumentException("cache limits must be positive");
        }
        if (defaultMaxAge == null || defaultMaxAge.isNegative() || defaultMaxAge.isZero()) {
            throw new IllegalArgumentException("the default max age must be positive");
        }
    }
}

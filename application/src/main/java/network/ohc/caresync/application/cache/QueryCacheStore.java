package network.ohc.caresync.application.cache;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: the user's copies of CARE answers, in a deletable table (never in the event store). Every call names the
 * user; one user's entries are never visible to another.
 */
public interface QueryCacheStore {

    /** Stores (or replaces) the user's copy of one answer, as the most recently used. */
    void put(String userId, CacheKey key, byte[] body, Instant fetchedAt, Instant expiresAt);

    /** The user's copy if it has not expired, marked as used now. */
    Optional<CachedEntry> use(String userId, CacheKey key, Instant now);

    /** The user's copy if it has not expired, without marking it used. */
    Optional<CachedEntry> peek(String userId, CacheKey key, Instant now);

    /**
     * Removes least recently used entries until the user holds at most {@code maxBytesPerUser} and everyone together
     * at most {@code maxBytesTotal}; how many were removed.
     */
    int evict(String userId, long maxBytesPerUser, long maxBytesTotal);

    /** Removes every entry expired at {@code now}; how many. */
    int deleteExpired(Instant now);

    /** Removes all of the user's entries; how many. */
    int deleteUser(String userId);

    Usage usage();

    /** Bytes and entries held for everyone. */
    record Usage(long bytes, long entries) {
    }
}

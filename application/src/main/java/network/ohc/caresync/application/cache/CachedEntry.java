package network.ohc.caresync.application.cache;

import java.time.Instant;

/** A stored CARE answer: its bytes exactly as CARE sent them, when it was fetched and until when it may be served. */
public record CachedEntry(String routeKey, byte[] body, Instant fetchedAt, Instant expiresAt) {
}

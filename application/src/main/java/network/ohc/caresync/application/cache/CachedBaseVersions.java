package network.ohc.caresync.application.cache;

import network.ohc.caresync.application.sync.BaseVersions;
import network.ohc.caresync.application.view.WriteView;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The base version of a conflicting update: the {@code basePayload} the device sent; else the copy of the user's
 * cached record kept when the write arrived; else the user's cached record if it still is the version the write
 * names (the copy may not be taken yet when a write conflicts right after it arrived).
 */
public final class CachedBaseVersions implements BaseVersions {

    private final WriteBaseStore kept;
    private final CachedBases cached;

    public CachedBaseVersions(WriteBaseStore kept, QueryCacheStore cache, Clock clock) {
        this.kept = kept;
        this.cached = new CachedBases(cache, clock);
    }

    @Override
    public Optional<Map<String, Object>> baseOf(WriteView write) {
        if (write.basePayload() != null) {
            return Optional.of(write.basePayload());
        }
        Optional<Map<String, Object>> copy = kept.find(write.writeId());
        if (copy.isPresent()) {
            return copy;
        }
        return cached.of(write.userId(), write.queryRouteKey(), write.queryParams(), write.pathParams(),
                write.serverTimestamp());
    }
}

package network.ohc.caresync.infrastructure.cache;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import network.ohc.caresync.application.cache.QueryCacheStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Query cache gauges: bytes and entries held for all users, read from the database at most every few seconds. */
public class CacheMetrics implements MeterBinder {

    private static final Duration FRESH = Duration.ofSeconds(3);

    private final QueryCacheStore store;
    private final Clock clock;
    private volatile QueryCacheStore.Usage usage = new QueryCacheStore.Usage(0, 0);
    private volatile Instant readAt = Instant.EPOCH;

    public CacheMetrics(QueryCacheStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("care_sync_cache_bytes", () -> read().bytes()).baseUnit("bytes")
                .description("Bytes of CARE answers the query cache holds, all users together").register(registry);
        Gauge.builder("care_sync_cache_entries", () -> read().entries())
                .description("Entries the query cache holds, all users together").register(registry);
    }

    private QueryCacheStore.Usage read() {
        Instant now = clock.instant();
        if (readAt.plus(FRESH).isBefore(now)) {
            synchronized (this) {
                if (readAt.plus(FRESH).isBefore(now)) {
                    try {
                        usage = store.usage();
                    } catch (RuntimeException databaseUnavailable) {
                        // keep the last figures; the next scrape tries again
                    }
                    readAt = now;
                }
            }
        }
        return usage;
    }
}

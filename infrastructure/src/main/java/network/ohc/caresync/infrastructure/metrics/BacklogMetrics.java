package network.ohc.caresync.infrastructure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.view.WriteViewStore;
import network.ohc.caresync.domain.write.WriteStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Backlog gauges for Prometheus: writes per status, age of the oldest write still waiting, whether CARE is
 * reachable and how many requests are in flight. Database figures are read at most every few seconds however often
 * they are scraped.
 */
public class BacklogMetrics implements MeterBinder {

    private static final Duration FRESH = Duration.ofSeconds(3);

    private final WriteViewStore views;
    private final ConnectivityMonitor connectivity;
    private final IntSupplier inFlight;
    private final Clock clock;
    private volatile Map<WriteStatus, Long> counts = Map.of();
    private volatile double oldestAgeSeconds;
    private volatile Instant readAt = Instant.EPOCH;

    public BacklogMetrics(WriteViewStore views, ConnectivityMonitor connectivity, IntSupplier inFlight, Clock clock) {
        this.views = views;
        this.connectivity = connectivity;
        this.inFlight = inFlight;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (WriteStatus status : WriteStatus.values()) {
            Gauge.builder("care_sync_writes", () -> read().getOrDefault(status, 0L))
                    .description("Writes per status (archived successes left out)")
                    .tag("status", status.wireName()).register(registry);
        }
        Gauge.builder("care_sync_oldest_waiting_write_age_seconds", () -> {
            read();
            return oldestAgeSeconds;
        }).description("Age of the oldest write not yet synced (pending, blocked or in flight)").register(registry);
        Gauge.builder("care_sync_upstream_online", () -> switch (connectivity.state()) {
            case ONLINE -> 1;
            case OFFLINE -> 0;
            case UNKNOWN -> -1;
        }).description("CARE reachability: 1 online, 0 offline, -1 not yet known").register(registry);
        Gauge.builder("care_sync_requests_in_flight", inFlight::getAsInt)
                .description("Upstream requests this node has in flight").register(registry);
    }

    private Map<WriteStatus, Long> read() {
        Instant now = clock.instant();
        if (readAt.plus(FRESH).isBefore(now)) {
            synchronized (this) {
                if (readAt.plus(FRESH).isBefore(now)) {
                    try {
                        counts = views.countByStatus(null);
                        oldestAgeSeconds = views.oldestWaitingSince()
                                .map(t -> Duration.between(t, now).toMillis() / 1000.0).orElse(0.0);
                    } catch (RuntimeException databaseUnavailable) {
                        // keep the last figures; the next scrape tries again
                    }
                    readAt = now;
                }
            }
        }
        return counts;
    }
}

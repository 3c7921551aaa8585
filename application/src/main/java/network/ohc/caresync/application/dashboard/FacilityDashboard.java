package network.ohc.caresync.application.dashboard;

import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.view.WriteViewStore;
import network.ohc.caresync.domain.write.WriteStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The facility dashboard: backlog per status and per user, CARE's reachability, the oldest waiting write,
 * throughput over the last hours and how long the backlog will take to drain at the recent rate.
 */
public final class FacilityDashboard {

    /** Throughput is shown for this long, in buckets of this width aligned to the clock (10:00, 10:05, ...). */
    public static final Duration SPAN = Duration.ofHours(6);
    public static final Duration BUCKET = Duration.ofMinutes(5);
    /** The rate the drain estimate goes by: recent enough to follow a link coming back, long enough to be steady. */
    public static final Duration RATE_WINDOW = Duration.ofMinutes(15);
    private static final int RECENT_PROBLEMS = 20;

    private final WriteViewStore views;
    private final DashboardFigures figures;
    private final ConnectivityMonitor connectivity;
    private final IntSupplier inFlight;
    private final Clock clock;

    public FacilityDashboard(WriteViewStore views, DashboardFigures figures, ConnectivityMonitor connectivity,
                             IntSupplier inFlight, Clock clock) {
        this.views = views;
        this.figures = figures;
        this.connectivity = connectivity;
        this.inFlight = inFlight;
        this.clock = clock;
    }

    public Dashboard now() {
        Instant now = clock.instant();
        Map<WriteStatus, Long> backlog = views.countByStatus(null);
        Throughput throughput = throughput(now);
        long waiting = backlog.getOrDefault(WriteStatus.PENDING, 0L) + backlog.getOrDefault(WriteStatus.BLOCKED, 0L)
                + backlog.getOrDefault(WriteStatus.IN_FLIGHT, 0L);
        return new Dashboard(now, backlog, figures.backlogByUser(),
                new Dashboard.Upstream(connectivity.state(), connectivity.since(), inFlight.getAsInt()),
                views.oldestWaitingSince().orElse(null), throughput, drain(waiting, now),
                figures.recentProblems(RECENT_PROBLEMS));
    }

    private Throughput throughput(Instant now) {
        long width = BUCKET.toMillis();
        Instant currentBucket = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), width) * width);
        int buckets = (int) (SPAN.toMillis() / width);
        Instant from = currentBucket.minus(BUCKET.multipliedBy(buckets - 1L));
        Map<Integer, Long> counted = figures.syncedPerBucket(from, BUCKET);
        List<Long> counts = new ArrayList<>(buckets);
        for (int n = 0; n < buckets; n++) {
            counts.add(counted.getOrDefault(n, 0L));
        }
        return new Throughput(from, BUCKET, counts);
    }

    private Dashboard.Drain drain(long waiting, Instant now) {
        long recent = figures.syncedPerBucket(now.minus(RATE_WINDOW), RATE_WINDOW).getOrDefault(0, 0L);
        double perMinute = recent / (double) RATE_WINDOW.toMinutes();
        Duration estimate;
        if (waiting == 0) {
            estimate = Duration.ZERO;
        } else if (recent == 0) {
            estimate = null;
        } else {
            estimate = Duration.ofSeconds((long) Math.ceil(waiting * 60.0 / perMinute));
        }
        return new Dashboard.Drain(waiting, RATE_WINDOW, perMinute, estimate);
    }
}

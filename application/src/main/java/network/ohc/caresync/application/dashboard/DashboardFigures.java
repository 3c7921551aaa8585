package network.ohc.caresync.application.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Port: the facility-wide figures the dashboard reads from the write views. */
public interface DashboardFigures {

    /** Per user, their writes not yet done with (pending, blocked, in flight, failed, conflict, in doubt). */
    List<UserBacklog> backlogByUser();

    /**
     * Writes that reached CARE (synced, or found applied after an in-doubt attempt) from {@code from} on, counted
     * per bucket of the given width: bucket {@code n} covers {@code [from + n × width, from + (n+1) × width)}.
     * Buckets without any are left out.
     */
    Map<Integer, Long> syncedPerBucket(Instant from, Duration width);

    /** The writes that failed, conflicted or are in doubt now, most recently changed first. */
    List<RecentProblem> recentProblems(int limit);
}

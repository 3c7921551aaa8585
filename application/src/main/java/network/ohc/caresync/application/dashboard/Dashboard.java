package network.ohc.caresync.application.dashboard;

import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.domain.write.WriteStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The facility at a glance, as of {@code at}. */
public record Dashboard(Instant at, Map<WriteStatus, Long> backlog, List<UserBacklog> byUser,
                        Upstream upstream, Instant oldestWaitingSince, Throughput throughput, Drain drain,
                        List<RecentProblem> recentProblems) {

    /** Whether CARE is reachable, since when, and how many requests this node has in flight. */
    public record Upstream(ConnectivityMonitor.State state, Instant since, int inFlight) {
    }

    /**
     * The writes still waiting to reach CARE, the rate they reached it recently (writes per minute over
     * {@code window}), and at that rate the time left; null when nothing synced recently (no rate to go by).
     */
    public record Drain(long waiting, Duration window, double perMinute, Duration estimate) {
    }
}

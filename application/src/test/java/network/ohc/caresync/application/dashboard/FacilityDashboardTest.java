package network.ohc.caresync.application.dashboard;

import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.view.WriteViewStore;
import network.ohc.caresync.domain.write.WriteStatus;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FacilityDashboardTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:07:30Z");

    private final Map<WriteStatus, Long> counts = new EnumMap<>(WriteStatus.class);
    private final Map<Instant, Long> synced = new HashMap<>();
    private Instant oldestWaiting;

    @Test
    void throughputCoversSixHoursInFiveMinuteBucketsEndingWithTheCurrentOne() {
        synced.put(Instant.parse("2026-03-02T10:06:00Z"), 3L);
        synced.put(Instant.parse("2026-03-02T04:10:00Z"), 2L);
        synced.put(Instant.parse("2026-03-02T04:09:59Z"), 7L);

        Throughput throughput = dashboard().now().throughput();

        assertThat(throughput.counts()).hasSize(72);
        assertThat(throughput.from()).isEqualTo(Instant.parse("2026-03-02T04:10:00Z"));
        assertThat(throughput.counts().get(0)).isEqualTo(2);
        assertThat(throughput.counts().get(71)).isEqualTo(3);
        assertThat(throughput.total()).isEqualTo(5);
    }

    @Test
    void theBacklogDrainsAtTheRateOfTheLastFifteenMinutes() {
        counts.put(WriteStatus.PENDING, 40L);
        counts.put(WriteStatus.BLOCKED, 15L);
        counts.put(WriteStatus.IN_FLIGHT, 5L);
        counts.put(WriteStatus.FAILED, 9L);
        synced.put(NOW.minus(Duration.ofMinutes(5)), 30L);
        synced.put(NOW.minus(Duration.ofMinutes(20)), 500L);

        Dashboard.Drain drain = dashboard().now().drain();

        assertThat(drain.waiting()).isEqualTo(60);
        assertThat(drain.perMinute()).isEqualTo(2.0);
        assertThat(drain.estimate()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void withNothingSyncedLatelyThereIsNoEstimateAndWithNothingWaitingNoneIsNeeded() {
        counts.put(WriteStatus.PENDING, 4L);
        assertThat(dashboard().now().drain().estimate()).isNull();

        counts.clear();
        assertThat(dashboard().now().drain().estimate()).isEqualTo(Duration.ZERO);
    }

    @Test
    void reportsTheOldestWaitingWriteAndTheUpstreamState() {
        oldestWaiting = NOW.minus(Duration.ofMinutes(42));

        Dashboard dashboard = dashboard().now();

        assertThat(dashboard.oldestWaitingSince()).isEqualTo(oldestWaiting);
        assertThat(dashboard.upstream().state()).isEqualTo(ConnectivityMonitor.State.UNKNOWN);
        assertThat(dashboard.upstream().inFlight()).isEqualTo(3);
    }

    private FacilityDashboard dashboard() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new FacilityDashboard(views(), figures(), new ConnectivityMonitor(() -> true, 2, 2, clock), () -> 3, clock);
    }

    private DashboardFigures figures() {
        return new DashboardFigures() {
            @Override
            public List<UserBacklog> backlogByUser() {
                return List.of();
            }

            @Override
            public Map<Integer, Long> syncedPerBucket(Instant from, Duration width) {
                Map<Integer, Long> buckets = new HashMap<>();
                synced.forEach((at, n) -> {
                    if (!at.isBefore(from)) {
                        buckets.merge((int) (Duration.between(from, at).toMillis() / width.toMillis()), n, Long::sum);
                    }
                });
                return buckets;
            }

            @Override
            public List<RecentProblem> recentProblems(int limit) {
                return List.of();
            }
        };
    }

    /** Only the two queries the dashboard asks of the write views. */
    private WriteViewStore views() {
        return (WriteViewStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{WriteViewStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "countByStatus" -> new EnumMap<>(counts.isEmpty() ? Map.of(WriteStatus.SUCCESS, 0L) : counts);
                    case "oldestWaitingSince" -> Optional.ofNullable(oldestWaiting);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

package network.ohc.caresync.application.sync;

import network.ohc.caresync.application.sync.ConnectivityMonitor.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hysteresis of the connectivity probe: three probes in a row decide, one odd probe does not. */
class ConnectivityMonitorTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    /** Answers the probe with whatever the test queued; a null answer is a probe that throws. */
    final Deque<Boolean> answers = new LinkedList<>();
    final List<String> changes = new ArrayList<>();
    final SettableClock clock = new SettableClock();
    ConnectivityMonitor monitor;

    @BeforeEach
    void setUp() {
        monitor = new ConnectivityMonitor(() -> {
            Boolean answer = answers.removeFirst();
            if (answer == null) {
                throw new IllegalStateException("probe broke");
            }
            return answer;
        }, 3, 3, clock);
        monitor.addListener((from, to) -> changes.add(from + "->" + to));
    }

    void probes(Boolean... results) {
        answers.addAll(Arrays.asList(results));
        for (int i = 0; i < results.length; i++) {
            clock.now = clock.now.plusSeconds(2);
            monitor.probeNow();
        }
    }

    void online() {
        probes(true, true, true);
        changes.clear();
    }

    @Test
    void itIsUnknownUntilTheProbesDecide() {
        probes(true, true);

        assertThat(monitor.state()).isEqualTo(State.UNKNOWN);
        assertThat(changes).isEmpty();
    }

    @Test
    void theConfiguredNumberOfGoodProbesInARowBringsItOnline() {
        probes(true, true, true);

        assertThat(monitor.state()).isEqualTo(State.ONLINE);
        assertThat(monitor.since()).isEqualTo(T0.plusSeconds(6));
        assertThat(changes).containsExactly("UNKNOWN->ONLINE");
    }

    @Test
    void oneBadProbeAmongGoodOnesDoesNotTakeItOffline() {
        online();

        probes(false, false, true, false, false, true);

        assertThat(monitor.state()).isEqualTo(State.ONLINE);
        assertThat(changes).isEmpty();
    }

    @Test
    void theConfiguredNumberOfBadProbesInARowTakesItOffline() {
        online();

        probes(false, false, false);

        assertThat(monitor.state()).isEqualTo(State.OFFLINE);
        assertThat(changes).containsExactly("ONLINE->OFFLINE");
    }

    @Test
    void aProbeThatBreaksCountsAsABadOne() {
        online();

        probes(null, false, null);

        assertThat(monitor.state()).isEqualTo(State.OFFLINE);
    }

    @Test
    void oneGoodProbeAmongBadOnesDoesNotBringItBack() {
        online();
        probes(false, false, false);
        changes.clear();

        probes(true, true, false, true, true, false);

        assertThat(monitor.state()).isEqualTo(State.OFFLINE);
        assertThat(changes).isEmpty();
    }

    @Test
    void theConfiguredNumberOfGoodProbesBringsItBackOnce() {
        online();
        probes(false, false, false);
        changes.clear();

        probes(true, true, true, true);

        assertThat(monitor.state()).isEqualTo(State.ONLINE);
        assertThat(changes).containsExactly("OFFLINE->ONLINE");
    }

    @Test
    void aRequestThatCouldNotConnectTakesItOfflineAtOnce() {
        online();

        monitor.reportUnreachable();

        assertThat(monitor.isOnline()).isFalse();
        assertThat(monitor.state()).isEqualTo(State.OFFLINE);
        assertThat(changes).containsExactly("ONLINE->OFFLINE");
    }

    @Test
    void afterARequestCouldNotConnectOnlyTheProbesBringItBack() {
        online();
        monitor.reportUnreachable();
        changes.clear();

        probes(true, true);
        assertThat(monitor.state()).isEqualTo(State.OFFLINE);

        probes(true);
        assertThat(monitor.state()).isEqualTo(State.ONLINE);
        assertThat(changes).containsExactly("OFFLINE->ONLINE");
    }

    @Test
    void aRequestThatCouldNotConnectInterruptsAStreakOfGoodProbes() {
        online();
        monitor.reportUnreachable();
        probes(true, true);

        monitor.reportUnreachable();
        probes(true, true);

        assertThat(monitor.state()).isEqualTo(State.OFFLINE);
    }

    static final class SettableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package network.ohc.caresync.application.sync;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import network.ohc.caresync.application.audit.InMemoryWriteViewStore;
import network.ohc.caresync.application.route.RouteTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher looks for work the moment the probes see CARE come online, not at its next timed pass. */
class SyncDispatcherTest {

    /** Longer than any test: a pass that happens was started by something other than the timer. */
    static final Duration NO_TIMED_PASS = Duration.ofHours(1);

    final AtomicBoolean reachable = new AtomicBoolean();
    final AtomicInteger ownedAsked = new AtomicInteger();
    final Clock clock = Clock.systemUTC();
    ConnectivityMonitor connectivity;
    SyncDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        connectivity = new ConnectivityMonitor(reachable::get, 2, 2, clock);
        InMemoryWriteViewStore views = new InMemoryWriteViewStore();
        RouteTable routes = new RouteTable(List.of());
        ScriptedUpstream upstream = new ScriptedUpstream();
        FakeVault vault = new FakeVault();
        RecordingCommands commands = new RecordingCommands();
        SyncSettings settings = new SyncSettings("node-a", 4, NO_TIMED_PASS, Duration.ofSeconds(3),
                Duration.ofSeconds(60), false);
        SyncAttempt attempt = new SyncAttempt(routes, upstream, vault, commands, views, connectivity, settings, clock,
                new SimpleMeterRegistry(), BaseVersions.fromDevice());
        InDoubtReconciler reconciler = new InDoubtReconciler(routes, upstream, vault, commands, settings, clock);
        PartitionLeases leases = new PartitionLeases() {
            @Override
            public Set<Integer> renew() {
                return Set.of(0);
            }

            @Override
            public Set<Integer> owned() {
                ownedAsked.incrementAndGet();
                return Set.of(0);
            }

            @Override
            public void release() {
            }
        };
        dispatcher = new SyncDispatcher(views, attempt, reconciler, connectivity, leases, vault, commands, settings,
                clock);
    }

    @AfterEach
    void stop() {
        dispatcher.close();
    }

    @Test
    void goingOnlineStartsAPass() {
        dispatcher.start();
        // the housekeeping run at start asks for the partitions, finds CARE not online and does nothing more
        eventually(() -> ownedAsked.get() > 0, "the first housekeeping run");
        assertThat(dispatcher.passes()).isZero();

        reachable.set(true);
        connectivity.probeNow();
        assertThat(dispatcher.passes()).isZero();
        connectivity.probeNow();

        eventually(() -> dispatcher.passes() > 0, "a pass after CARE came online");
    }

    /** Waits for something the dispatcher's threads do; the bound only keeps a broken build from hanging. */
    static void eventually(BooleanSupplier condition, String what) {
        Instant giveUp = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("never saw " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

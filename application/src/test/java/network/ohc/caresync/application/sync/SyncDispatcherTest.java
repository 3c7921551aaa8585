package network.ohc.caresync.application.sync;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import network.ohc.caresync.application.audit.InMemoryWriteViewStore;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.application.view.WriteViewStore;
import network.ohc.caresync.domain.write.RequireSignIn;
import network.ohc.caresync.domain.write.WriteStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher looks for work the moment the probes see CARE come online, not at its next timed pass, and reads
 * the ready writes a page at a time.
 */
class SyncDispatcherTest {

    /** Longer than any test: a pass that happens was started by something other than the timer. */
    static final Duration NO_TIMED_PASS = Duration.ofHours(1);

    final AtomicBoolean reachable = new AtomicBoolean();
    final AtomicInteger ownedAsked = new AtomicInteger();
    final Clock clock = Clock.systemUTC();
    final InMemoryWriteViewStore views = new InMemoryWriteViewStore();
    /** The largest number of rows a pass asked the views for at once. */
    final AtomicInteger largestRead = new AtomicInteger();
    /** Every row the ready reads returned, by write id. */
    final Queue<String> readyRows = new ConcurrentLinkedQueue<>();
    final FakeVault vault = new FakeVault();
    final RecordingCommands commands = new RecordingCommands();
    ConnectivityMonitor connectivity;
    SyncDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        connectivity = new ConnectivityMonitor(reachable::get, 2, 2, clock);
        WriteViewStore readsCounted = (WriteViewStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WriteViewStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findReady")) {
                        largestRead.accumulateAndGet((Integer) args[3], Math::max);
                    }
                    try {
                        Object answer = method.invoke(views, args);
                        if (method.getName().equals("findReady")) {
                            for (Object row : (List<?>) answer) {
                                readyRows.add(((WriteView) row).writeId());
                            }
                        }
                        return answer;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RouteTable routes = new RouteTable(List.of());
        ScriptedUpstream upstream = new ScriptedUpstream();
        SyncSettings settings = new SyncSettings("node-a", 4, NO_TIMED_PASS, Duration.ofSeconds(3),
                Duration.ofSeconds(60), false);
        SyncAttempt attempt = new SyncAttempt(routes, upstream, vault, commands, readsCounted, connectivity, settings,
                clock,
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
        dispatcher = new SyncDispatcher(readsCounted, attempt, reconciler, connectivity, leases, vault, commands, settings,
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

    /**
     * Writes a pass skips (here: refused, their owner must sign in again, and the views do not change) do not hide
     * the ones behind them, and no pass reads more rows at once than it could start and a few: reading as many rows as
     * the dispatcher remembered made the ready query the database's costliest statement in a drain.
     */
    @Test
    void aPassReadsPagesOfReadyWritesAndReachesThoseBehindTheSkippedOnes() {
        vault.accessToken = Optional.empty();
        int writes = 60;
        for (int i = 1; i <= writes; i++) {
            views.insert(pending("w-" + i, i), i);
        }
        dispatcher.start();
        reachable.set(true);
        connectivity.probeNow();
        connectivity.probeNow();

        eventually(() -> commands.sent(RequireSignIn.class).size() == writes, "every write offered once");
        assertThat(commands.sent(RequireSignIn.class)).extracting(RequireSignIn::writeId).doesNotHaveDuplicates();
        assertThat(largestRead.get()).isLessThanOrEqualTo(4 + 4);
    }

    /**
     * A write this node is attempting is left out of the ready list by the store, not read and skipped at every
     * pass: in a drain most rows the ready query returned were this node's own attempts, in flight or finished ahead
     * of the views, and the query was a third of PostgreSQL's time.
     */
    @Test
    void aWriteBeingAttemptedIsLeftOutOfTheReadyReads() {
        CountDownLatch release = new CountDownLatch(1);
        vault.accessToken = Optional.empty();
        vault.beforeToken = userId -> {
            if (userId.equals("user-held")) {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        views.insert(pending("w-held", 1, "user-held"), 1);
        dispatcher.start();
        reachable.set(true);
        connectivity.probeNow();
        connectivity.probeNow();
        eventually(() -> dispatcher.inFlightCount() == 1, "the attempt of w-held under way");

        readyRows.clear();
        for (int i = 2; i <= 6; i++) {
            views.insert(pending("w-" + i, i), i);
            dispatcher.wake();
        }
        eventually(() -> commands.sent(RequireSignIn.class).size() == 5, "the other writes offered");
        assertThat(dispatcher.inFlightCount()).isEqualTo(1);
        assertThat(readyRows).contains("w-2", "w-6").doesNotContain("w-held");

        release.countDown();
        eventually(() -> commands.sent(RequireSignIn.class).size() == 6, "w-held's attempt ended");
    }

    static WriteView pending(String writeId, long seq) {
        return pending(writeId, seq, "user-7");
    }

    static WriteView pending(String writeId, long seq, String userId) {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        return new WriteView(writeId, seq, userId, "tablet-3", "create_patient", "create", "patient",
                "patient:" + writeId, 0, Map.of(), null, Map.of("name", "Asha"), null, List.of(), 1L, null, null, now,
                WriteStatus.PENDING, null, List.of(), null, 0, null, 0, null, null, null, null, null, null, null,
                null, null, 0, false, now);
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

package network.ohc.caresync.application.sync;

import network.ohc.caresync.application.auth.CareTokenVault;
import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.application.view.WriteViewStore;
import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.RecordOutcomeInDoubt;
import network.ohc.caresync.domain.write.ReleaseAfterSignIn;
import network.ohc.caresync.domain.write.WriteStatus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Keeps up to {@code maxInFlight} attempts running while CARE is reachable. It takes pending writes of the
 * partitions this node owns, oldest first, skipping any write whose upstream record still has an earlier write
 * unfinished, so writes to one record go in device order and a failing write holds back only its own record.
 * Housekeeping settles in-doubt writes, releases writes whose owner signed in again, and takes over attempts a
 * stopped node left behind.
 */
public final class SyncDispatcher implements SyncTrigger, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncDispatcher.class);
    private static final Duration RECENT = Duration.ofSeconds(30);
    private static final int HOUSEKEEPING_BATCH = 200;
    private static final Duration TROUBLE_PAUSE = Duration.ofSeconds(2);
    /** The least time between the starts of two passes a change of the views asked for. */
    private static final Duration PASS_GAP = Duration.ofMillis(10);
    /**
     * At most this many finished attempts the store is asked to leave out of a page; any others are read and skipped
     * here. Views that lag far behind (or, on a node that does not run them, the attempts of the last
     * {@link #RECENT}) would otherwise make every pass send thousands.
     */
    private static final int PASS_OVER_FINISHED = 1_000;
    /** Rows a page of ready writes reads beyond those this node could start (for writes it then skips). */
    private static final int PAGE_SLACK = 4;
    /** How often attempts the views never showed are forgotten ({@link #RECENT} after they finished). */
    private static final Duration FORGET_EVERY = Duration.ofSeconds(1);

    private final WriteViewStore views;
    private final SyncAttempt attempt;
    private final InDoubtReconciler reconciler;
    private final ConnectivityMonitor connectivity;
    private final PartitionLeases leases;
    private final CareTokenVault vault;
    private final CommandGateway commands;
    private final SyncSettings settings;
    private final Clock clock;

    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Attempts this node finished, by write id: the attempt number and when, until the views have caught up. */
    private final Map<String, Finished> finished = new ConcurrentHashMap<>();
    /** Writes a stale view offered that the aggregate refused, by write id: the view row as it was then. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    /** Writes whose attempt failed unexpectedly (the database gone, say), and when to offer them again. */
    private final Map<String, Instant> troubled = new ConcurrentHashMap<>();
    private final AtomicBoolean pumpQueued = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger passes = new AtomicInteger();
    /** When the last pass began ({@link System#nanoTime()}). */
    private volatile long lastPassStarted = System.nanoTime() - PASS_GAP.toNanos();
    /** When old attempts were last forgotten ({@link System#nanoTime()}; only the dispatching thread reads it). */
    private long lastForgotten = System.nanoTime() - FORGET_EVERY.toNanos();
    /** In-doubt writes whose outcome could not be settled yet, and when to look again (backing off). */
    private final Map<String, Instant> settleNotBefore = new ConcurrentHashMap<>();
    private final Map<String, Integer> settleTries = new ConcurrentHashMap<>();
    private ScheduledExecutorService loop;
    private ScheduledExecutorService leasing;
    private ScheduledExecutorService housekeeping;
    private ExecutorService workers;
    private Instant startedAt;

    private record Finished(int attempt, Instant at) {
    }

    public SyncDispatcher(WriteViewStore views, SyncAttempt attempt, InDoubtReconciler reconciler,
                          ConnectivityMonitor connectivity, PartitionLeases leases, CareTokenVault vault,
                          CommandGateway commands, SyncSettings settings, Clock clock) {
        this.views = views;
        this.attempt = attempt;
        this.reconciler = reconciler;
        this.connectivity = connectivity;
        this.leases = leases;
        this.vault = vault;
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        startedAt = clock.instant();
        loop = Executors.newSingleThreadScheduledExecutor(named("care-sync-dispatch"));
        leasing = Executors.newSingleThreadScheduledExecutor(named("care-sync-leases"));
        housekeeping = Executors.newSingleThreadScheduledExecutor(named("care-sync-housekeeping"));
        workers = Executors.newFixedThreadPool(settings.maxInFlight(), named("care-sync-attempt"));
        connectivity.addListener((from, to) -> {
            if (to == ConnectivityMonitor.State.ONLINE) {
                wake();
                housekeeping.execute(this::housekeep);
            }
        });
        long interval = settings.passInterval().toMillis();
        loop.scheduleWithFixedDelay(this::pumpSafely, interval, interval, TimeUnit.MILLISECONDS);
        // leases are renewed on a thread of their own: slow upstream lookups must never let them lapse
        leasing.scheduleWithFixedDelay(this::renewLeases, 0, 1000, TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(this::housekeep, 500, Math.max(500, interval), TimeUnit.MILLISECONDS);
        log.info("sync engine started on node {} with at most {} requests in flight", settings.nodeId(),
                settings.maxInFlight());
    }

    @Override
    public synchronized void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        loop.shutdownNow();
        leasing.shutdownNow();
        housekeeping.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leases.release();
    }

    /**
     * A pass soon: at once, or {@link #PASS_GAP} after the last one began. Every change of the views wakes the
     * dispatcher, and in a drain that is hundreds of times a second; a pass each time read the ready writes that
     * often (a tenth of care-sync's processor time in a drain), while one pass starts as many attempts as are free.
     */
    @Override
    public void wake() {
        if (running.get() && pumpQueued.compareAndSet(false, true)) {
            long wait = lastPassStarted + PASS_GAP.toNanos() - System.nanoTime();
            try {
                loop.schedule(() -> {
                    pumpQueued.set(false);
                    pumpSafely();
                }, Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                pumpQueued.set(false);
            }
        }
    }

    /**
     * The views applied a change to a write. Once they show it past the pending row an attempt of this node started
     * from, the attempt need not be remembered: the next pass reads the views as they are now (and the aggregate
     * refuses an attempt from a stale row anyway).
     */
    public void viewChanged(String writeId, WriteStatus status) {
        if (status != WriteStatus.PENDING) {
            finished.remove(writeId);
        }
        wake();
    }

    /** A pass on demand: look for work and settle what can be settled now. */
    public void runPass() {
        wake();
        if (running.get()) {
            housekeeping.execute(this::housekeep);
        }
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    public int passes() {
        return passes.get();
    }

    private void pumpSafely() {
        try {
            pump();
        } catch (RuntimeException | Error e) {
            log.warn("sync pass failed; the next one retries", e);
        }
    }

    private void pump() {
        if (!running.get() || !connectivity.isOnline()) {
            return;
        }
        Set<Integer> partitions = leases.owned();
        int free = settings.maxInFlight() - inFlight.size();
        if (partitions.isEmpty() || free <= 0) {
            return;
        }
        passes.incrementAndGet();
        lastPassStarted = System.nanoTime();
        forgetOldAttempts();
        // a page of little more than as many writes as can be started, the rows this node is still attempting, or
        // whose attempt the views have not shown yet, left out by the store: reading and skipping them in pages made
        // the ready query the costliest statement of a drain (the views lag behind by hundreds of attempts)
        Map<String, Integer> passOver = passOver();
        int pageSize = free + PAGE_SLACK;
        long after = Long.MIN_VALUE;
        List<WriteView> page;
        do {
            page = views.findReady(partitions, after, passOver, pageSize);
            for (WriteView write : page) {
                after = write.seq();
                if (free <= 0) {
                    break;
                }
                if (inFlight.contains(write.writeId()) || viewsLagBehind(write)) {
                    continue;
                }
                inFlight.add(write.writeId());
                free--;
                dispatch(write);
            }
        } while (free > 0 && page.size() == pageSize);
    }

    private void dispatch(WriteView write) {
        workers.execute(() -> {
            boolean attempted = false;
            boolean failed = false;
            try {
                // the ready list may leave the payload out; the write as the views hold it now, if still pending
                WriteView full = views.find(write.writeId())
                        .filter(now -> now.status() == WriteStatus.PENDING && now.revision() == write.revision())
                        .orElse(null);
                attempted = full != null && attempt.run(full);
            } catch (RuntimeException e) {
                failed = true;
                log.warn("attempt of write {} failed unexpectedly: {}", write.writeId(), e.toString());
            } finally {
                if (attempted) {
                    finished.put(write.writeId(), new Finished(write.attempt() + 1, clock.instant()));
                } else if (failed) {
                    // not a refusal: offered again shortly (taken for one, it was never offered again)
                    if (troubled.size() > 10_000) {
                        troubled.clear();
                    }
                    troubled.put(write.writeId(), clock.instant().plus(TROUBLE_PAUSE));
                } else {
                    if (refused.size() > 10_000) {
                        refused.clear();
                    }
                    refused.put(write.writeId(), snapshot(write));
                }
                inFlight.remove(write.writeId());
                wake();
            }
        });
    }

    /**
     * What a pass need not read: a write attempted now below any attempt number, a write whose attempt finished
     * below the attempt number the views will show for it (as {@link #viewsLagBehind}, which decides the same for
     * rows read anyway; an attempt older than {@link #RECENT} is forgotten by {@link #forgetOldAttempts}, within a
     * second, and until then left out).
     */
    private Map<String, Integer> passOver() {
        Map<String, Integer> passOver = new HashMap<>();
        for (Map.Entry<String, Finished> done : finished.entrySet()) {
            if (passOver.size() >= PASS_OVER_FINISHED) {
                break;
            }
            passOver.put(done.getKey(), done.getValue().attempt());
        }
        for (String writeId : inFlight) {
            passOver.put(writeId, Integer.MAX_VALUE);
        }
        return passOver;
    }

    /**
     * Attempts are remembered only until the views catch up: a write that synced never shows as pending again, so
     * an older memory only takes room.
     */
    private void forgetOldAttempts() {
        long now = System.nanoTime();
        if (now - lastForgotten < FORGET_EVERY.toNanos()) {
            return;
        }
        lastForgotten = now;
        Instant before = clock.instant().minus(RECENT);
        finished.values().removeIf(done -> done.at().isBefore(before));
    }

    /**
     * The view still shows a write as before an attempt this node already made, or exactly as it was when the
     * aggregate refused to start an attempt (the view had not yet caught up with the write's events).
     */
    private boolean viewsLagBehind(WriteView write) {
        Instant troubledUntil = troubled.get(write.writeId());
        if (troubledUntil != null) {
            if (troubledUntil.isAfter(clock.instant())) {
                return true;
            }
            troubled.remove(write.writeId());
        }
        String refusedAs = refused.get(write.writeId());
        if (refusedAs != null) {
            if (refusedAs.equals(snapshot(write))) {
                return true;
            }
            refused.remove(write.writeId());
        }
        Finished done = finished.get(write.writeId());
        if (done == null) {
            return false;
        }
        if (write.attempt() >= done.attempt() || done.at().plus(RECENT).isBefore(clock.instant())) {
            finished.remove(write.writeId());
            return false;
        }
        return true;
    }

    private void renewLeases() {
        if (!running.get()) {
            return;
        }
        try {
            Set<Integer> partitions = leases.renew();
            if (!partitions.isEmpty()) {
                recoverAbandoned(partitions);
            }
        } catch (RuntimeException | Error e) {
            // a scheduled task that throws is never run again: keep it alive whatever happens
            log.warn("renewing the sync partition leases failed; it runs again shortly: {}", e.toString());
        }
    }

    private static String snapshot(WriteView write) {
        return write.status() + "@" + write.updatedAt() + "#" + write.revision() + "/" + write.attempt();
    }

    private void housekeep() {
        if (!running.get()) {
            return;
        }
        try {
            Set<Integer> partitions = leases.owned();
            if (partitions.isEmpty() || !connectivity.isOnline()) {
                return;
            }
            releaseSignedIn(partitions);
            settleInDoubt(partitions);
            wake();
        } catch (RuntimeException | Error e) {
            log.warn("sync housekeeping failed; it runs again shortly", e);
        }
    }

    /** Looks upstream for what became of in-doubt attempts; one that cannot be settled yet is looked at less often. */
    private void settleInDoubt(Set<Integer> partitions) {
        Instant now = clock.instant();
        for (WriteView write : views.findByStatus(partitions, WriteStatus.IN_DOUBT, HOUSEKEEPING_BATCH)) {
            String key = write.writeId() + "#" + write.attempt();
            Instant notBefore = settleNotBefore.get(key);
            if (notBefore != null && notBefore.isAfter(now) || !connectivity.isOnline()) {
                continue;
            }
            reconciler.reconcile(write);
            int tries = settleTries.merge(key, 1, Integer::sum);
            long backoff = Math.min(60_000, settings.inDoubtDelay().toMillis() * (1L << Math.min(tries, 10)));
            settleNotBefore.put(key, clock.instant().plusMillis(backoff));
        }
        if (settleNotBefore.size() > 10_000) {
            settleNotBefore.entrySet().removeIf(e -> e.getValue().isBefore(now));
            settleTries.keySet().retainAll(settleNotBefore.keySet());
        }
    }

    /** Attempts in flight that no running attempt of this node owns and that cannot still be under way. */
    private void recoverAbandoned(Set<Integer> partitions) {
        Instant now = clock.instant();
        for (WriteView write : views.findByStatus(partitions, WriteStatus.IN_FLIGHT, HOUSEKEEPING_BATCH)) {
            if (inFlight.contains(write.writeId()) || write.lastAttemptAt() == null) {
                continue;
            }
            boolean mineBeforeRestart = settings.nodeId().equals(write.attemptNode())
                    && write.lastAttemptAt().isBefore(startedAt);
            boolean tooOld = write.lastAttemptAt().plus(settings.abandonedAfter()).isBefore(now);
            if (mineBeforeRestart || tooOld) {
                log.warn("write {}: attempt {} of node {} was abandoned; its outcome is in doubt", write.writeId(),
                        write.attempt(), write.attemptNode());
                try {
                    commands.sendAndWait(new RecordOutcomeInDoubt(write.writeId(), write.attempt(),
                            "attempt abandoned: node " + write.attemptNode() + " stopped before the answer was recorded",
                            now));
                } catch (RuntimeException e) {
                    log.warn("could not settle abandoned write {}: {}", write.writeId(), e.toString());
                }
            }
        }
    }

    /** Writes that waited for their owner to sign in go back to pending once a valid CARE token exists. */
    private void releaseSignedIn(Set<Integer> partitions) {
        Map<String, List<WriteView>> byUser = views.findBlocked(partitions, BlockReason.AUTH_REQUIRED,
                HOUSEKEEPING_BATCH).stream().collect(Collectors.groupingBy(WriteView::userId));
        byUser.forEach((userId, writes) -> {
            if (vault.needsSignIn(userId) || vault.accessTokenFor(userId).isEmpty()) {
                return;
            }
            for (WriteView write : writes) {
                try {
                    commands.sendAndWait(new ReleaseAfterSignIn(write.writeId(), clock.instant()));
                } catch (RuntimeException e) {
                    log.warn("could not release write {}: {}", write.writeId(), e.toString());
                }
            }
        });
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

package network.ohc.caresync.application.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether CARE is reachable, from active probes with hysteresis: it takes {@code upAfter} successes in a row to
 * go online and {@code downAfter} failures in a row to go offline, so a flapping link does not start and stop
 * passes on every probe. A request that could not connect at all takes CARE offline at once: every further attempt
 * would fail the same way (and be aborted, so no retry is spent, but each still costs two events), so the engine
 * waits until the probes see CARE back.
 */
public final class ConnectivityMonitor {

    public enum State { UNKNOWN, ONLINE, OFFLINE }

    /** Told when the state changes. */
    @FunctionalInterface
    public interface Listener {
        void changed(State from, State to);
    }

    private static final Logger log = LoggerFactory.getLogger(ConnectivityMonitor.class);

    private final UpstreamProbe probe;
    private final int upAfter;
    private final int downAfter;
    private final Clock clock;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private State state = State.UNKNOWN;
    private int successes;
    private int failures;
    private Instant since;

    public ConnectivityMonitor(UpstreamProbe probe, int upAfter, int downAfter, Clock clock) {
        this.probe = probe;
        this.upAfter = upAfter;
        this.downAfter = downAfter;
        this.clock = clock;
        this.since = clock.instant();
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Runs one probe and updates the state. */
    public void probeNow() {
        boolean reachable;
        try {
            reachable = probe.reachable();
        } catch (RuntimeException e) {
            reachable = false;
        }
        record(reachable, false);
    }

    /** A request could not connect: CARE is offline now, and only {@code upAfter} good probes in a row bring it back. */
    public void reportUnreachable() {
        record(false, true);
    }

    public synchronized State state() {
        return state;
    }

    public synchronized Instant since() {
        return since;
    }

    public boolean isOnline() {
        return state() == State.ONLINE;
    }

    private void record(boolean reachable, boolean conclusive) {
        State from;
        State to;
        synchronized (this) {
            if (reachable) {
                successes++;
                failures = 0;
            } else {
                failures++;
                successes = 0;
            }
            from = state;
            if (reachable && state != State.ONLINE && successes >= upAfter) {
                state = State.ONLINE;
            } else if (!reachable && state != State.OFFLINE && (conclusive || failures >= downAfter)) {
                state = State.OFFLINE;
            }
            to = state;
            if (from != to) {
                since = clock.instant();
            }
        }
        if (from != to) {
            log.info("CARE upstream is now {} (was {})", to, from);
            listeners.forEach(l -> l.changed(from, to));
        }
    }
}

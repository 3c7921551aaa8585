package network.ohc.caresync.api.config;

import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.sync.SyncDispatcher;
import network.ohc.caresync.application.write.WriteActions;
import network.ohc.caresync.infrastructure.config.CareSyncProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the engine once everything else runs (and stops it first): the connectivity probe, the dispatcher and the
 * cleanup of old successes.
 */
@Component
public class SyncLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SyncLifecycle.class);
    private static final Caller CLEANUP = new Caller("care-sync", "care-sync", Set.of(Caller.Role.ADMIN), null);

    private final ConnectivityMonitor connectivity;
    private final SyncDispatcher dispatcher;
    private final WriteActions actions;
    private final CareSyncProperties properties;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    public SyncLifecycle(ConnectivityMonitor connectivity, SyncDispatcher dispatcher, WriteActions actions,
                         CareSyncProperties properties, Clock clock) {
        this.connectivity = connectivity;
        this.dispatcher = dispatcher;
        this.actions = actions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "care-sync-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        long probe = properties.getUpstream().getProbeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(connectivity::probeNow, 0, probe, TimeUnit.MILLISECONDS);
        long cleanup = properties.getCleanup().getInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::archiveOldSuccesses, cleanup, cleanup, TimeUnit.MILLISECONDS);
        if (properties.getSync().isEnabled()) {
            dispatcher.start();
        }
        running = true;
    }

    private void archiveOldSuccesses() {
        try {
            int archived = actions.archiveSuccesses(CLEANUP,
                    clock.instant().minus(properties.getCleanup().getSuccessMaxAge()));
            if (archived > 0) {
                log.info("archived {} successful writes older than {}", archived,
                        properties.getCleanup().getSuccessMaxAge());
            }
        } catch (RuntimeException e) {
            log.warn("cleanup of old successes failed; it runs again later: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        dispatcher.close();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // after Axon's processors start, before they stop
        return Integer.MAX_VALUE - 100;
    }
}

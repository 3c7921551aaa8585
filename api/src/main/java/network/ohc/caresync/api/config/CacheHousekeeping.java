package network.ohc.caresync.api.config;

import network.ohc.caresync.application.auth.UserDataWiper;
import network.ohc.caresync.application.cache.QueryCache;
import network.ohc.caresync.infrastructure.session.JdbcSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The query cache's timers: expired entries are removed, and the cached data of users whose last session expired
 * is wiped as at logout. Both are safe on several nodes at once (each expired session is claimed once).
 */
public class CacheHousekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CacheHousekeeping.class);

    private final QueryCache cache;
    private final JdbcSessions sessions;
    private final List<UserDataWiper> wipers;
    private final CacheProperties properties;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    public CacheHousekeeping(QueryCache cache, JdbcSessions sessions, List<UserDataWiper> wipers,
                             CacheProperties properties, Clock clock) {
        this.cache = cache;
        this.sessions = sessions;
        this.wipers = List.copyOf(wipers);
        this.properties = properties;
        this.clock = clock;
    }

    /** Removes expired entries; how many. */
    public int removeExpired() {
        try {
            return cache.removeExpired();
        } catch (RuntimeException e) {
            log.warn("removing expired cache entries failed; it runs again later: {}", e.toString());
            return 0;
        }
    }

    /** Wipes the data of users whose sessions all expired since the last sweep, as logout does; which users. */
    public List<String> wipeExpiredSessions() {
        try {
            List<String> users = sessions.usersWhoseSessionsExpired(clock.instant());
            users.forEach(user -> wipers.forEach(w -> w.wipe(user)));
            return users;
        } catch (RuntimeException e) {
            log.warn("wiping the data of expired sessions failed; it runs again later: {}", e.toString());
            return List.of();
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "care-sync-cache-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        long purge = properties.getPurgeInterval().toMillis();
        long sweep = properties.getSessionSweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::removeExpired, purge, purge, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::wipeExpiredSessions, sweep, sweep, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
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
        return Integer.MAX_VALUE - 100;
    }
}

package network.ohc.caresync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * What the scenarios share: the options, the report, the simulator, and care-sync started afresh for each scenario
 * (a data directory of its own), so that no scenario's backlog or warm caches colour another's figures.
 */
final class Stage {

    /** The statuses the write views know, as counted in one look. */
    enum Status { pending, blocked, in_flight, success, failed, conflict, in_doubt, discarded }

    final Options options;
    final Report report;
    final Simulator simulator;

    Stage(Options options, Report report, Simulator simulator) {
        this.options = options;
        this.report = report;
        this.simulator = simulator;
    }

    int userCount() {
        return Math.max(options.size().devices, options.size().users);
    }

    /** A care-sync of its own for a scenario (or the running one, when the harness was given one). */
    CareSync careSync(String name) {
        if (!options.managed()) {
            return CareSync.attach(options.careSyncUrl(), options.careSyncJdbc());
        }
        Path data = options.work().resolve(name + "-data");
        deleteRecursively(data);
        return careSync(name, data);
    }

    /** care-sync on an existing data directory (a restart). */
    CareSync careSync(String name, Path data) {
        List<String> jvm = new ArrayList<>(options.careSyncJvmArgs());
        long now = System.currentTimeMillis();
        if (options.profile()) {
            jvm.add("-XX:StartFlightRecording=filename=" + options.work().resolve(name + "-" + now + ".jfr")
                    + ",settings=profile,dumponexit=true");
        }
        return CareSync.start(new CareSync.Launch(options.root().resolve("api/target/care-sync.jar"), data,
                options.work().resolve("logs").resolve(name + "-care-sync.log"), simulator.baseUrl(),
                options.maxInFlight(), jvm, options.careSyncArgs(),
                options.profile() ? options.work().resolve(name + "-" + now + "-statements.txt") : null));
    }

    Path dataDir(String name) {
        return options.work().resolve(name + "-data");
    }

    /** Signs users in to care-sync (while CARE is reachable: a first sign-in goes through CARE). */
    List<CareSync.Session> signIn(CareSync careSync, int count) {
        return parallel(Math.min(8, count), count, n -> careSync.login(Simulator.username(n), options.password()));
    }

    CareSync.Session admin(CareSync careSync) {
        return careSync.login(Simulator.ADMIN, options.password());
    }

    /** Takes CARE offline and waits until care-sync's probe has noticed. */
    void goOffline(CareSync careSync, CareSync.Session admin) {
        simulator.faults(Map.of("offline", true));
        awaitUpstream(careSync, admin, "offline");
    }

    /** Waits until care-sync sees CARE in that state; the moment care-sync says it changed (epoch ms). */
    long awaitUpstream(CareSync careSync, CareSync.Session admin, String state) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Map<?, ?> upstream = (Map<?, ?>) careSync.dashboard(admin.token()).get("upstream");
            if (state.equals(upstream.get("state"))) {
                Object since = upstream.get("since");
                return since instanceof Number n ? n.longValue() : System.currentTimeMillis();
            }
            JavaProcess.sleep(100);
        }
        throw new IllegalStateException("care-sync did not see CARE " + state + " within 2 minutes");
    }

    /** Writes per status in the views (from the database when the harness can reach it, else the dashboard). */
    Map<Status, Long> counts(CareSync careSync, CareSync.Session admin) {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0L);
        }
        if (careSync.jdbcUrl() != null) {
            try (Connection c = careSync.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT status, count(*) FROM write_view GROUP BY status")) {
                while (rs.next()) {
                    counts.put(Status.valueOf(rs.getString(1)), rs.getLong(2));
                }
                return counts;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot count the write views: " + e.getMessage(), e);
            }
        }
        Map<?, ?> backlog = (Map<?, ?>) careSync.dashboard(admin.token()).get("backlog");
        for (Status s : Status.values()) {
            counts.put(s, ((Number) backlog.get(s.name())).longValue());
        }
        return counts;
    }

    static long total(Map<Status, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Waits until the views hold at least {@code expected} writes; how long that took. */
    Duration awaitProjected(CareSync careSync, CareSync.Session admin, long expected, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (total(counts(careSync, admin)) >= expected) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            JavaProcess.sleep(200);
        }
        throw new IllegalStateException("the write views did not reach " + expected + " writes within " + timeout);
    }

    /** Without the database at hand: waits until the views' total has not changed for three seconds. */
    Duration awaitSteady(CareSync careSync, CareSync.Session admin) {
        long started = System.nanoTime();
        long last = -1;
        long steadySince = started;
        while (System.nanoTime() - steadySince < Duration.ofSeconds(3).toNanos()) {
            long now = total(counts(careSync, admin));
            if (now != last) {
                last = now;
                steadySince = System.nanoTime();
            }
            JavaProcess.sleep(200);
        }
        return Duration.ofNanos(steadySince - started);
    }

    static double[] load() {
        return Machine.loadAverage();
    }

    /** Runs {@code count} tasks on {@code threads} threads; their results in order. */
    static <T> List<T> parallel(int threads, int count, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> task.apply(n)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}

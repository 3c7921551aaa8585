package network.ohc.caresync.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every scenario of one run shares: the PostgreSQL server and the CARE simulator (started once, stopped when
 * the JVM ends), and the folder where care-sync's logs are kept for the log check.
 */
public final class Suite {

    private static Suite instance;

    private final Path out;
    private final Database database;
    private final Simulator simulator;
    private final List<CareSyncNode> nodes = new ArrayList<>();

    private Suite() {
        out = Path.of(System.getProperty("reliability.out", "target"));
        try {
            // the log check greps every file here: only this run's
            if (Files.isDirectory(logs())) {
                try (var old = Files.list(logs())) {
                    for (Path file : old.toList()) {
                        if (Files.isRegularFile(file)) {
                            Files.delete(file);
                        }
                    }
                }
            }
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path pgdata = out.resolve("reliability-pgdata");
        stopOrphan(pgdata);
        deleteRecursively(pgdata);
        database = new Database(pgdata);
        simulator = new Simulator(logs());
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "reliability-suite-shutdown"));
    }

    /** A PostgreSQL an earlier run of the suite left behind (its JVM was killed): stopped before starting afresh. */
    private static void stopOrphan(Path pgdata) {
        Path pidFile = pgdata.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(p -> {
                        p.destroy();
                        p.onExit().join();
                    });
        } catch (IOException | RuntimeException e) {
            // nothing to stop
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    public static synchronized Suite get() {
        if (instance == null) {
            instance = new Suite();
        }
        return instance;
    }

    public Path logs() {
        return out.resolve("reliability-logs");
    }

    public Database database() {
        return database;
    }

    public Simulator simulator() {
        return simulator;
    }

    /** A care-sync node of a scenario (not started yet) on the scenario's database. */
    public synchronized CareSyncNode node(String scenario, String name, Map<String, String> overrides) {
        if (!database.isRunning()) {
            database.start();
        }
        CareSyncNode node = new CareSyncNode(scenario + "-" + name, database.url(scenario), simulator.baseUrl(),
                logs(), overrides);
        nodes.add(node);
        return node;
    }

    /** Every care-sync log file written so far in this run. */
    public List<Path> careSyncLogs() {
        try (var files = Files.list(logs())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")
                    && !f.getFileName().toString().startsWith("care-simulator")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void shutdown() {
        nodes.forEach(CareSyncNode::kill);
        simulator.close();
        database.close();
    }
}

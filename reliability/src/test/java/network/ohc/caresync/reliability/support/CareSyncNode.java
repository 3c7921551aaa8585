package network.ohc.caresync.reliability.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One care-sync node: the built jar as its own process on its own port, against the suite's PostgreSQL and the
 * simulator, with timings shortened as in care-sync's own integration tests. It is stopped the hard way
 * ({@link #kill()}: SIGKILL) and started again on the same database; each run's output is kept as a log file for
 * the log check.
 */
public final class CareSyncNode implements AutoCloseable {

    /** Shared by every node of the suite: all nodes on one database must use the same secrets. */
    static final String VAULT_KEY = "reliability-suite-vault-key-5b1f0e2c9d";
    static final String SIGNING_KEY = "c2lnbmluZy1rZXktb2YtdGhlLXJlbGlhYmlsaXR5LXN1aXRlLTMyYg==";

    private final String name;
    private final int port;
    private final List<String> arguments;
    private final Path logDir;
    private final Http http;
    private Process process;
    private int runs;
    private Duration lastStartup;

    CareSyncNode(String name, String jdbcUrl, String upstream, Path logDir, Map<String, String> overrides) {
        this.name = name;
        this.port = Ports.free();
        this.logDir = logDir;
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", String.valueOf(port));
        settings.put("care-sync.node-id", name);
        settings.put("care-sync.upstream.base-url", upstream);
        settings.put("spring.datasource.url", jdbcUrl);
        settings.put("spring.datasource.username", "postgres");
        settings.put("spring.datasource.password", "postgres");
        settings.put("care-sync.data-dir", logDir.resolve(name + "-data").toString());
        settings.put("care-sync.vault.key", VAULT_KEY);
        settings.put("care-sync.session.signing-key", SIGNING_KEY);
        settings.put("care-sync.admins", "admin.kiran");
        settings.put("care-sync.auditors", "admin.kiran,nurse.meena");
        settings.put("care-sync.upstream.probe-interval", "250ms");
        settings.put("care-sync.upstream.up-after", "1");
        settings.put("care-sync.upstream.down-after", "2");
        settings.put("care-sync.upstream.read-timeout", "3s");
        settings.put("care-sync.sync.pass-interval", "200ms");
        settings.put("care-sync.sync.in-doubt-delay", "300ms");
        settings.put("care-sync.sync.abandoned-after", "15s");
        settings.put("care-sync.retry.base", "300ms");
        settings.put("care-sync.retry.cap", "2s");
        settings.put("care-sync.retry.max-attempts", "8");
        settings.put("care-sync.retry.jitter", "0.2");
        settings.put("care-sync.sign-in.max-failed-attempts", "1000");
        settings.put("db-scheduler.polling-interval", "200ms");
        settings.putAll(overrides);
        this.arguments = new ArrayList<>();
        settings.forEach((k, v) -> arguments.add("--" + k + "=" + v));
        this.http = new Http("http://127.0.0.1:" + port, Duration.ofSeconds(60));
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    public Api api() {
        return new Api(http);
    }

    public int runs() {
        return runs;
    }

    public Duration lastStartup() {
        return lastStartup;
    }

    /** Starts the node and waits until it answers healthy. */
    public synchronized CareSyncNode start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        String jar = System.getProperty("care-sync.jar", "../api/target/care-sync.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("the care-sync jar is missing at " + jar
                    + "; build with 'mvn -B verify' from the project root");
        }
        runs++;
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", jar));
        command.addAll(arguments);
        Path log = logFile(runs);
        Instant started = Instant.now();
        try {
            Files.createDirectories(logDir);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start care-sync node " + name, e);
        }
        Instant deadline = started.plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("care-sync node " + name + " stopped at start; see " + log);
            }
            try {
                Http.Answer health = http.get("/actuator/health", null);
                if (health.status() == 200) {
                    lastStartup = Duration.between(started, Instant.now());
                    return this;
                }
            } catch (IOException notYet) {
                // starting
            }
            Processes.sleep(250);
        }
        throw new IllegalStateException("care-sync node " + name + " did not start within 180 s; see " + log);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, as when the server loses power. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public Path logFile(int run) {
        return logDir.resolve(name + "-run" + run + ".log");
    }

    public List<Path> logFiles() {
        List<Path> files = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            files.add(logFile(run));
        }
        return files;
    }

    @Override
    public void close() {
        kill();
    }
}

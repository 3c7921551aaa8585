package network.ohc.caresync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * care-sync as a process of its own on its embedded defaults (the jar the build made, a data directory of the
 * run's own), or one already running. The harness reaches its embedded PostgreSQL over JDBC for the plain-JDBC
 * baseline and for the figures that only the database knows.
 */
final class CareSync implements AutoCloseable {

    private static final Pattern EMBEDDED_PORT = Pattern.compile("embedded PostgreSQL started on port (\\d+)");

    private final Http http;
    private final JavaProcess process;
    private final Path dataDir;
    private final String jdbcUrl;
    private final Duration startUp;
    private final Path statements;

    private CareSync(Http http, JavaProcess process, Path dataDir, String jdbcUrl, Duration startUp, Path statements) {
        this.http = http;
        this.process = process;
        this.dataDir = dataDir;
        this.jdbcUrl = jdbcUrl;
        this.startUp = startUp;
        this.statements = statements;
    }

    /**
     * What a start needs: the jar, where to keep data and logs, CARE's address, extra JVM and Spring settings, and
     * where to write the database's statement figures when it is closed (profiling; null: none are kept).
     */
    record Launch(Path jar, Path dataDir, Path log, String upstreamUrl, int maxInFlight, List<String> jvmArgs,
                  List<String> extraArgs, Path statements) {
    }

    static CareSync start(Launch launch) {
        int port = JavaProcess.freePort();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--care-sync.upstream.base-url=" + launch.upstreamUrl(),
                "--care-sync.data-dir=" + launch.dataDir().toAbsolutePath(),
                "--care-sync.node-id=bench",
                "--care-sync.admins=" + Simulator.ADMIN,
                "--care-sync.auditors=" + Simulator.ADMIN,
                "--care-sync.sync.max-in-flight=" + launch.maxInFlight(),
                // the largest batch the scenarios send, and sign-in of many users from one address
                "--care-sync.writes.max-batch=500"));
        if (launch.statements() != null) {
            args.add("--care-sync.embedded-db.server-config.shared_preload_libraries=pg_stat_statements");
        }
        args.addAll(launch.extraArgs());
        JavaProcess process = JavaProcess.start("care-sync", launch.jar(), launch.jvmArgs(), Options.CARE_SYNC_ENV,
                args, launch.log());
        Http http = new Http("http://127.0.0.1:" + port);
        Duration startUp = process.awaitReady(() -> {
            Http.Answer health = http.get("/actuator/health", null);
            return health.status() == 200 && health.body().contains("\"UP\"");
        }, Duration.ofMinutes(3));
        Matcher matcher = EMBEDDED_PORT.matcher(process.logText());
        String jdbcUrl = matcher.find() ? "jdbc:postgresql://127.0.0.1:" + matcher.group(1) + "/postgres" : null;
        CareSync careSync = new CareSync(http, process, launch.dataDir(), jdbcUrl, startUp, launch.statements());
        if (launch.statements() != null) {
            careSync.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        return careSync;
    }

    static CareSync attach(String baseUrl, String jdbcUrl) {
        return new CareSync(new Http(baseUrl), null, null, jdbcUrl, null, null);
    }

    private void sql(String statement) {
        try (Connection c = connect(); var s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("care-sync's database refused: " + statement, e);
        }
    }

    /** The statements that took the database's time, most first, with calls and rows (profiling). */
    private void writeStatements() {
        StringBuilder out = new StringBuilder(String.format("%10s %12s %12s %10s  %s%n", "calls", "total ms",
                "mean ms", "rows", "statement"));
        try (Connection c = connect(); var s = c.createStatement(); var rs = s.executeQuery("""
                SELECT calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\s+', ' ', 'g')
                FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 60""")) {
            while (rs.next()) {
                out.append(String.format("%10d %12.0f %12.3f %10d  %s%n", rs.getLong(1), rs.getDouble(2),
                        rs.getDouble(3), rs.getLong(4), rs.getString(5)));
            }
            Files.writeString(statements, out);
        } catch (SQLException | IOException e) {
            System.out.println("  (no statement figures: " + e.getMessage() + ")");
        }
    }

    boolean managed() {
        return process != null;
    }

    Http http() {
        return http;
    }

    /** From process start to {@code /actuator/health} UP; null for a care-sync the harness did not start. */
    Duration startUp() {
        return startUp;
    }

    Long pid() {
        return process == null ? null : process.pid();
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    Connection connect() throws SQLException {
        if (jdbcUrl == null) {
            throw new IllegalStateException("care-sync's database is unknown: give --care-sync-jdbc");
        }
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    /** The embedded PostgreSQL's postmaster, from its pid file. */
    Long postmasterPid() {
        if (dataDir == null) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("pgdata").resolve("postmaster.pid"));
            return lines.isEmpty() ? null : Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    record Session(String token, String userId, String username) {
    }

    Session login(String username, String password) {
        Http.Answer answer = http.post("/api/v1/auth/login", null, Map.of("username", username, "password", password,
                "deviceId", "bench-" + username));
        if (!answer.ok()) {
            throw new IllegalStateException("care-sync sign-in of " + username + " answered " + answer);
        }
        Map<String, Object> body = answer.json();
        return new Session((String) body.get("token"), (String) body.get("userId"), username);
    }

    Http.Answer handOver(String token, String writeJson) {
        return http.postText("/api/v1/offline-writes", token, writeJson);
    }

    Http.Answer handOverBatch(String token, String writesJson) {
        return http.postText("/api/v1/offline-writes/batch", token, writesJson);
    }

    Map<String, Object> dashboard(String adminToken) {
        Http.Answer answer = http.get("/api/v1/admin/dashboard", adminToken);
        if (!answer.ok()) {
            throw new IllegalStateException("dashboard answered " + answer);
        }
        return answer.json();
    }

    @Override
    public void close() {
        if (statements != null) {
            writeStatements();
        }
        if (process != null) {
            process.close();
        }
    }
}

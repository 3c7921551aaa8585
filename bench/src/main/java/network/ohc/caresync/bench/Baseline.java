package network.ohc.caresync.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plain-JDBC baseline: a plain table in a database of its own ({@code bench_baseline}) on the PostgreSQL server
 * care-sync itself uses, so both see the same disk, the same server and the same settings. With a care-sync the
 * harness did not start and no JDBC URL for it, the harness runs a zonky PostgreSQL of its own instead.
 */
final class Baseline implements AutoCloseable {

    static final String INSERT = "INSERT INTO handed_over (id, user_id, body) VALUES (?, ?, CAST(? AS jsonb))";

    private final String url;
    private final String where;
    private final EmbeddedPostgres own;

    private Baseline(String url, String where, EmbeddedPostgres own) {
        this.url = url;
        this.where = where;
        this.own = own;
    }

    /** On the server of {@code serverUrl} (a JDBC URL of any database there), or on a PostgreSQL of its own. */
    static Baseline on(String serverUrl) {
        if (serverUrl == null) {
            EmbeddedPostgres own = startOwn(false);
            return create(own.getJdbcUrl("postgres", "postgres"), "a zonky embedded PostgreSQL of the harness's own", own);
        }
        return create(serverUrl, "care-sync's embedded PostgreSQL (same server, same settings)", null);
    }

    /**
     * On a PostgreSQL of the harness's own that flushes its WAL to disk before every commit returns (fsync and
     * synchronous_commit on): the durable-insert limit of this machine.
     */
    static Baseline durable() {
        EmbeddedPostgres own = startOwn(true);
        return create(own.getJdbcUrl("postgres", "postgres"),
                "a zonky PostgreSQL of the harness's own with fsync and synchronous_commit on", own);
    }

    private static EmbeddedPostgres startOwn(boolean durable) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "300");
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a PostgreSQL for the baseline", e);
        }
    }

    private static Baseline create(String serverUrl, String where, EmbeddedPostgres own) {
        try (Connection c = DriverManager.getConnection(serverUrl, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS bench_baseline");
            s.execute("CREATE DATABASE bench_baseline");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the baseline database: " + e.getMessage(), e);
        }
        String url = serverUrl.replaceFirst("/[^/?]+(\\?|$)", "/bench_baseline$1");
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE handed_over (
                        id          VARCHAR(64)              NOT NULL PRIMARY KEY,
                        user_id     VARCHAR(100)             NOT NULL,
                        body        JSONB                    NOT NULL,
                        received_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
                    )""");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the baseline table: " + e.getMessage(), e);
        }
        return new Baseline(url, where, own);
    }

    String where() {
        return where;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    /** The server settings that decide what a commit costs. */
    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String name : new String[]{"server_version", "synchronous_commit", "fsync", "wal_sync_method",
                    "shared_buffers", "max_connections"}) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            settings.put("error", e.getMessage());
        }
        return settings;
    }

    long rows() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM handed_over")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        if (own != null) {
            try {
                own.close();
            } catch (IOException e) {
                // the harness is ending anyway
            }
        }
    }
}

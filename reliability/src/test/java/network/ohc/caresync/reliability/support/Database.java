package network.ohc.caresync.reliability.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * The suite's own PostgreSQL (zonky embedded binaries) inside the test JVM, on a fixed port and data directory, so
 * it can be stopped and started again under running care-sync nodes. Each scenario gets a database of its own.
 */
public final class Database implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;
    private Instant stoppedAt;

    Database(Path dataDir) {
        this.dataDir = dataDir;
        this.port = Ports.free();
        start();
    }

    /** Starts PostgreSQL (again) on the same port and data directory. */
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            stoppedAt = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    /** Stops PostgreSQL (a fast shutdown: connections are cut, nothing committed is lost). */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        }
        postgres = null;
        stoppedAt = Instant.now();
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /** A new, empty database for one scenario; its JDBC URL. */
    public String create(String name) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", "postgres");
    }

    @Override
    public void close() {
        stop();
    }

    public Instant stoppedAt() {
        return stoppedAt;
    }
}

package network.ohc.caresync.infrastructure.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import network.ohc.caresync.infrastructure.config.CareSyncProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Without {@code spring.datasource.url}, care-sync runs its own PostgreSQL (zonky embedded binaries) with its data
 * in {@code care-sync.data-dir}, so a first run needs no database install and its data survives a restart.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /**
     * PostgreSQL's own default is 128 MB, which a facility's load fills and keeps resident: most of the database's
     * memory with 100,000 writes pending (README, Performance). The operating system's page cache keeps the rest of
     * the data close at hand. An operator may set another value (care-sync.embedded-db.server-config.shared_buffers).
     */
    static final String SHARED_BUFFERS = "32MB";

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(CareSyncProperties properties) throws IOException {
        Path dataDir = properties.getDataDir().resolve("pgdata").toAbsolutePath();
        Files.createDirectories(dataDir.getParent());
        OrphanPostmaster.stopIfRunning(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", SHARED_BUFFERS);
        // an operator's settings (care-sync.embedded-db.server-config.*) come before the ones care-sync insists on
        properties.getEmbeddedDb().getServerConfig().forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(properties.getEmbeddedDb().isClean())
                .setPort(properties.getEmbeddedDb().getPort())
                // Spring closes the database after everything using it has stopped
                .setRegisterShutdownHook(false)
                // zonky turns synchronous_commit off; a write acknowledged to a device must be on disk when the
                // server loses power, so every commit waits for its WAL to be flushed
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        log.info("embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDir);
        return postgres;
    }

    /**
     * The driver sends a JDBC batch of inserts as multi-row inserts: the events of a hand-over batch, and the rows the
     * event processors send together ({@link BatchedChanges}), are then a few statements for PostgreSQL, not one a row.
     */
    public static final String REWRITE_BATCHED_INSERTS = "reWriteBatchedInserts";

    @Bean(destroyMethod = "close")
    public DataSource dataSource(EmbeddedPostgres postgres, CareSyncProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(properties.getEmbeddedDb().getMaxPoolSize());
        config.setPoolName("care-sync-embedded");
        // as spring.datasource.hikari.connection-timeout in application.yml: a 503 soon rather than a hanging device
        config.setConnectionTimeout(3_000);
        // as spring.datasource.hikari.data-source-properties in application.yml: a batch of inserts as one statement
        config.addDataSourceProperty(REWRITE_BATCHED_INSERTS, "true");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot connect to the embedded PostgreSQL", e));
        }
    }
}

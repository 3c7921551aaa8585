package network.ohc.caresync.infrastructure.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import network.ohc.caresync.infrastructure.config.CareSyncProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded database of a first run: its data survives a restart, and a crash does not block the next start. */
class EmbeddedPostgresTest {

    @TempDir
    Path dataDir;

    final EmbeddedPostgresConfiguration configuration = new EmbeddedPostgresConfiguration();

    CareSyncProperties properties() {
        CareSyncProperties properties = new CareSyncProperties();
        properties.setDataDir(dataDir);
        return properties;
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        try (EmbeddedPostgres first = configuration.embeddedPostgres(properties())) {
            JdbcTemplate jdbc = new JdbcTemplate(first.getPostgresDatabase());
            jdbc.execute("CREATE TABLE kept (value TEXT)");
            jdbc.update("INSERT INTO kept VALUES ('handed over')");
        }

        try (EmbeddedPostgres second = configuration.embeddedPostgres(properties())) {
            DataSource database = second.getPostgresDatabase();
            assertThat(new JdbcTemplate(database).queryForList("SELECT value FROM kept", String.class))
                    .isEqualTo(List.of("handed over"));
        }
    }

    @Test
    void sharedBuffersAreSmallByDefaultAndAnOperatorMaySetThem() throws Exception {
        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(properties())) {
            assertThat(new JdbcTemplate(postgres.getPostgresDatabase()).queryForObject("SHOW shared_buffers",
                    String.class)).isEqualTo("32MB");
        }
        CareSyncProperties tuned = properties();
        tuned.getEmbeddedDb().getServerConfig().put("shared_buffers", "48MB");

        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(tuned)) {
            assertThat(new JdbcTemplate(postgres.getPostgresDatabase()).queryForObject("SHOW shared_buffers",
                    String.class)).isEqualTo("48MB");
        }
    }

    @Test
    void thePoolSendsABatchOfInsertsAsMultiRowInserts() throws Exception {
        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(properties());
             com.zaxxer.hikari.HikariDataSource pool = (com.zaxxer.hikari.HikariDataSource)
                     configuration.dataSource(postgres, properties())) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            jdbc.execute("CREATE TABLE handed_over (id TEXT PRIMARY KEY)");

            int[] counts = jdbc.batchUpdate("INSERT INTO handed_over (id) VALUES (?)",
                    List.of(new Object[]{"w-1"}, new Object[]{"w-2"}, new Object[]{"w-3"}, new Object[]{"w-4"}));

            // the driver reports no count per row for rows it rewrote into a multi-row insert (it rewrites in chunks
            // of powers of two, so four rows are one statement)
            assertThat(counts).containsOnly(java.sql.Statement.SUCCESS_NO_INFO);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM handed_over", Long.class)).isEqualTo(4);
        }
    }

    @Test
    void anOperatorTunesTheServerButCannotTurnDurabilityOff() throws Exception {
        CareSyncProperties properties = properties();
        properties.getEmbeddedDb().getServerConfig().putAll(Map.of("work_mem", "8MB", "fsync", "off",
                "synchronous_commit", "off"));

        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(properties)) {
            JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
            assertThat(jdbc.queryForObject("SHOW work_mem", String.class)).isEqualTo("8MB");
            assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        }
    }

    @Test
    void aPostgresLeftRunningByAKilledCareSyncIsStoppedBeforeTheNextStart() throws Exception {
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PostgresOfAKilledProcess.class.getName(),
                dataDir.toString()).redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(killed.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("READY")) {
                // wait until its database is up
            }
        }
        killed.destroyForcibly().waitFor();
        long orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isTrue();

        try (EmbeddedPostgres next = configuration.embeddedPostgres(properties())) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(new JdbcTemplate(next.getPostgresDatabase())
                    .queryForObject("SELECT count(*) FROM survived", Integer.class)).isZero();
        }
    }
}

package network.ohc.caresync.infrastructure.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V11 hands the auditors' index and the write bases to the write views' processor: where an old processor trailed
 * the write views, the write views start again from its position, so no event misses the index or the bases.
 */
class OneProcessorForTheViewsMigrationTest {

    @Test
    void theViewsStartFromTheEarliestPositionOfEachSegmentAndTheOldTokensGo() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("v11")).setCleanDataDirectory(true).start()) {
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration")
                    .target("10").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
            token(jdbc, "write-views", 0, "{\"index\":120,\"gaps\":[]}");
            token(jdbc, "write-views", 1, "{\"index\":120,\"gaps\":[]}");
            token(jdbc, "write-views", 2, "{\"index\":120,\"gaps\":[]}");
            token(jdbc, "audit-index", 0, "{\"index\":100,\"gaps\":[97]}");
            token(jdbc, "audit-index", 1, "{\"index\":130,\"gaps\":[]}");
            token(jdbc, "write-bases", 1, "{\"index\":110,\"gaps\":[]}");
            token(jdbc, "write-bases", 2, "{\"tokenAtReset\":{\"index\":90}}");

            Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load()
                    .migrate();

            assertThat(jdbc.queryForList("SELECT convert_from(token, 'UTF8') FROM tokenentry "
                    + "WHERE processorname = 'write-views' ORDER BY segment", String.class)).containsExactly(
                    "{\"index\":100,\"gaps\":[97]}", "{\"index\":110,\"gaps\":[]}", "{\"index\":120,\"gaps\":[]}");
            assertThat(jdbc.queryForList("SELECT DISTINCT processorname FROM tokenentry", String.class))
                    .isEqualTo(List.of("write-views"));
        }
    }

    private static void token(JdbcTemplate jdbc, String processor, int segment, String json) {
        jdbc.update("INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp) VALUES (?, ?, ?, ?, ?)",
                processor, segment, json.getBytes(StandardCharsets.UTF_8),
                "org.axonframework.eventhandling.GapAwareTrackingToken", "2026-12-03T10:00:00Z");
    }
}

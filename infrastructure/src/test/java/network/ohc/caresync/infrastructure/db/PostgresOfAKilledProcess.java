package network.ohc.caresync.infrastructure.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import network.ohc.caresync.infrastructure.config.CareSyncProperties;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;

/** Started in a JVM of its own by a test, which then kills that JVM: its PostgreSQL is left behind running. */
public final class PostgresOfAKilledProcess {

    private PostgresOfAKilledProcess() {
    }

    public static void main(String[] args) throws Exception {
        CareSyncProperties properties = new CareSyncProperties();
        properties.setDataDir(Path.of(args[0]));
        EmbeddedPostgres postgres = new EmbeddedPostgresConfiguration().embeddedPostgres(properties);
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE TABLE survived (n INT)");
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

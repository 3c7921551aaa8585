package network.ohc.caresync.reliability;

import network.ohc.caresync.reliability.support.Api;
import network.ohc.caresync.reliability.support.Logs;
import network.ohc.caresync.reliability.support.Results;
import network.ohc.caresync.reliability.support.SharedNode;
import network.ohc.caresync.reliability.support.Suite;
import network.ohc.caresync.reliability.support.Workload;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After every scenario of the run: no care-sync log holds patient data (every patient of the run carries a marker
 * in its name and address) or a token, and every database of the run holds CARE tokens only encrypted.
 */
@Order(99)
class SecretsIT {

    @Test
    void noPatientDataOrTokenInAnyLogAndCareTokensEncryptedInEveryDatabase() throws Exception {
        handOverOneIfNothingRanYet();
        List<Path> logs = Suite.get().careSyncLogs();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("care-sync log files checked", logs.size());
        figures.put("log bytes checked", Logs.bytes(logs));

        assertThat(logs).isNotEmpty();
        assertThat(Logs.grep(logs, Workload.MARKER)).as("patient names and addresses in the logs").isEmpty();
        assertThat(Logs.grep(logs, "eyJ")).as("tokens (JWTs) in the logs").isEmpty();
        assertThat(Logs.grep(logs, "care-demo-1")).as("passwords in the logs").isEmpty();

        List<String> databases = new ArrayList<>();
        long credentials = 0;
        try (Connection c = Suite.get().database().connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate "
                     + "AND datname <> 'postgres' ORDER BY 1")) {
            while (rs.next()) {
                databases.add(rs.getString(1));
            }
        }
        for (String database : databases) {
            try (Connection c = Suite.get().database().connect(database); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE access_token IS NOT NULL), "
                        + "count(*) FILTER (WHERE access_token LIKE '%eyJ%' OR refresh_token LIKE '%eyJ%') "
                        + "FROM care_credential");
                rs.next();
                credentials += rs.getLong(1);
                assertThat(rs.getLong(2)).as("plain CARE tokens in care_credential of " + database).isZero();
                rs = s.executeQuery("SELECT count(*) FROM domainevententry "
                        + "WHERE position('eyJ' in convert_from(payload, 'UTF8')) > 0 "
                        + "OR position('eyJ' in convert_from(metadata, 'UTF8')) > 0");
                rs.next();
                assertThat(rs.getLong(1)).as("tokens in the events of " + database).isZero();
            }
        }
        figures.put("databases checked", databases);
        figures.put("stored CARE credentials checked (all encrypted)", credentials);
        Results.record("secrets and data", figures);
        assertThat(credentials).as("credentials to check").isPositive();
    }

    /** Run on its own, this check first makes something to look at. */
    private static void handOverOneIfNothingRanYet() {
        if (!Suite.get().careSyncLogs().isEmpty()) {
            return;
        }
        SharedNode shared = SharedNode.get();
        Api.Session asha = shared.session("nurse.asha");
        String id = Workload.newId();
        Api.call(() -> shared.api().handOver(asha, Workload.createPatient(id, asha.userId(), "Secrets")));
        shared.api().awaitWrite(asha, id, Api.status("success"), Duration.ofSeconds(60));
    }
}

package network.ohc.caresync.api.dashboard;

import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DashboardApiTest extends CareSyncTest {

    @Test
    void onlyAdministratorsSeeTheFacility() {
        String nurse = api.login(Users.ASHA);

        var answer = api.get("/api/v1/admin/dashboard", nurse);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Content-Type")).contains("problem+json");
    }

    @Test
    void showsTheBacklogPerUserWhatFailedAndWhatSynced() {
        String admin = api.login(Users.KIRAN);
        String nurse = api.login(Users.MEENA);
        long syncedBefore = syncedTotal(dashboard(admin));
        String failing = Writes.newId();
        String fine = Writes.newId();

        handOver(nurse, Writes.createEncounter(failing, Users.MEENA_ID, UUID.randomUUID().toString()));
        handOver(nurse, Writes.createPatient(fine, Users.MEENA_ID));
        awaitStatus(nurse, failing, "failed");
        awaitStatus(nurse, fine, "success");

        Map<String, Object> dashboard = dashboard(admin);
        assertThat(syncedTotal(dashboard)).isGreaterThanOrEqualTo(syncedBefore + 1);
        assertThat(problems(dashboard)).anySatisfy(p -> {
            assertThat(p).containsEntry("id", failing).containsEntry("username", Users.MEENA)
                    .containsEntry("syncStatus", "failed").containsEntry("syncrouteKey", "create_encounter");
            assertThat((String) p.get("message")).contains("Patient does not exist");
        });
        assertThat(byUser(dashboard)).anySatisfy(u -> {
            assertThat(u).containsEntry("userId", Users.MEENA_ID).containsEntry("username", Users.MEENA);
            assertThat(((Number) ((Map<?, ?>) u.get("counts")).get("failed")).longValue()).isGreaterThanOrEqualTo(1);
        });
        assertThat(dashboard.get("upstream")).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) dashboard.get("upstream")).get("state")).isEqualTo("online");
        assertThat(((List<?>) ((Map<?, ?>) dashboard.get("throughput")).get("counts"))).hasSize(72);
    }

    @Test
    void countsWhatWaitsWhileCareIsUnreachable() {
        String admin = api.login(Users.KIRAN);
        String nurse = api.login(Users.MEENA);
        simulator.offline();
        String id = Writes.newId();

        handOver(nurse, Writes.createPatient(id, Users.MEENA_ID));

        await().untilAsserted(() -> {
            Map<String, Object> dashboard = dashboard(admin);
            Map<?, ?> drain = (Map<?, ?>) dashboard.get("drain");
            assertThat(((Number) drain.get("waiting")).longValue()).isGreaterThanOrEqualTo(1);
            assertThat(dashboard.get("oldestWaitingSince")).isNotNull();
            assertThat(((Map<?, ?>) dashboard.get("upstream")).get("state")).isEqualTo("offline");
        });
        simulator.online();
        awaitStatus(nurse, id, "success");
    }

    private Map<String, Object> dashboard(String token) {
        var answer = api.get("/api/v1/admin/dashboard", token);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static long syncedTotal(Map<String, Object> dashboard) {
        return ((Number) ((Map<?, ?>) dashboard.get("throughput")).get("total")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> problems(Map<String, Object> dashboard) {
        return (List<Map<String, Object>>) dashboard.get("recentProblems");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> byUser(Map<String, Object> dashboard) {
        return (List<Map<String, Object>>) dashboard.get("byUser");
    }
}

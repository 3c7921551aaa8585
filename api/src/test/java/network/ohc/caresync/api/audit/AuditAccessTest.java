package network.ohc.caresync.api.audit;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Auditor endpoints need the auditor role, administration the administrator role; nobody reads others' writes. */
class AuditAccessTest extends AuditTest {

    @Test
    void aNurseWhoIsNoAuditorIsRefusedEveryAuditorEndpoint() {
        String nurse = api.login(Users.ASHA);

        for (String path : List.of("/api/v1/audit/events", "/api/v1/audit/events/export", "/api/v1/audit/verify",
                "/api/v1/audit/writes/" + Writes.newId() + "/state", "/api/v1/admin/projections")) {
            Api.Answer answer = api.get(path, nurse);
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.header("Content-Type")).as(path).contains("application/problem+json");
        }
        assertThat(api.get("/api/v1/audit/events", null).status()).isEqualTo(401);
    }

    @Test
    void anAuditorReadsTheHistoryButRebuildsNothing() {
        String auditor = api.login(Users.MEENA);

        assertThat(api.get("/api/v1/audit/events?limit=1", auditor).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/admin/projections/write-views/rebuild", auditor, Map.of()).status())
                .isEqualTo(403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdministratorSeesTheProjectionsThatCanBeRebuiltAndNoSagas() {
        String admin = api.login(Users.KIRAN);

        Api.Answer all = api.get("/api/v1/admin/projections", admin);
        Api.Answer unknown = api.get("/api/v1/admin/projections/no-such-thing", admin);

        assertThat(all.status()).isEqualTo(200);
        List<Map<String, Object>> projections = (List<Map<String, Object>>) all.json().get("projections");
        assertThat(projections).extracting(p -> p.get("name")).contains("write-views")
                .noneMatch(name -> name.toString().contains("Saga"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).contains("application/problem+json");
        assertThat((List<Object>) unknown.json().get("names")).contains("write-views");
    }

    @Test
    void aUserCannotReadAnotherUsersWrite() {
        String asha = api.login(Users.ASHA);
        String ravi = api.login(Users.RAVI);
        simulator.offline();
        String id = Writes.newId();
        handOver(asha, Writes.createPatient(id, Users.ASHA_ID));

        assertThat(api.get("/api/v1/offline-writes/" + id, ravi).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/offline-writes/" + id, asha).status()).isEqualTo(200);
    }

    @Test
    void badFiltersAreNamed() {
        String auditor = api.login(Users.MEENA);

        assertThat(fields(api.get("/api/v1/audit/events?type=SyncAttempt", auditor))).containsExactly("type");
        assertThat(fields(api.get("/api/v1/audit/events?limit=0", auditor))).containsExactly("limit");
        assertThat(fields(api.get("/api/v1/audit/events?after=-1", auditor))).containsExactly("after");
        assertThat(fields(api.get("/api/v1/audit/events?from=yesterday&to=2026-01-01T00:00:00Z", auditor)))
                .containsExactly("from");
        assertThat(fields(api.get("/api/v1/audit/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", auditor)))
                .containsExactly("to");
        assertThat(fields(api.get("/api/v1/audit/events/export?type=Nothing", auditor))).containsExactly("type");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fields(Api.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        return ((List<Map<String, Object>>) answer.json().get("errors")).stream().map(e -> e.get("field")).toList();
    }
}

package network.ohc.caresync.api.cache;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A merged version a person composed is sent to CARE as it is, so it is checked like a hand-over first. */
class MergedResolutionTest extends CacheScenario {

    @Test
    @SuppressWarnings("unchecked")
    void aMergedPayloadTheRoutesSchemaRefusesIsAnsweredWithTheFieldsAndNothingIsStored() {
        String token = api.login(Users.ASHA);
        String id = conflictingUpdate(token, "Merged Maya");
        long events = eventsOf(id);

        Api.Answer refused = resolveMerged(token, id, Map.of("phone_number", "12345", "gender", "robot",
                "address", "Merged street"));

        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat((List<Map<String, Object>>) refused.json().get("errors")).extracting(e -> e.get("field"))
                .contains("payload.phone_number", "payload.gender");
        assertThat(eventsOf(id)).isEqualTo(events);
        assertThat(write(token, id)).containsEntry("syncStatus", "conflict");

        Api.Answer accepted = resolveMerged(token, id, Map.of("address", "Merged street"));

        assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
        Map<String, Object> synced = awaitStatus(token, id, "success");
        assertThat(synced.get("payload")).isEqualTo(Map.of("address", "Merged street"));
    }

    @Test
    void anotherUsersWriteIsNotFoundWhateverTheMergedPayload() {
        String id = conflictingUpdate(api.login(Users.ASHA), "Private Priya");

        Api.Answer answer = resolveMerged(api.login(Users.MEENA), id, Map.of("gender", "robot"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(404);
    }

    private String conflictingUpdate(String token, String name) {
        Map<String, Object> known = patientInCare(simulator.careToken(Users.ASHA), name);
        changeInCare(simulator.careToken(Users.RAVI), known.get("id"), Map.of("address", "Changed by Ravi"));
        String id = Writes.newId();
        handOver(token, Writes.updatePatient(id, Users.ASHA_ID, (String) known.get("id"),
                Map.of("address", "Changed by Asha"), (String) known.get("modified_date")));
        awaitStatus(token, id, "conflict");
        return id;
    }

    private Api.Answer resolveMerged(String token, String id, Map<String, Object> payload) {
        return api.post("/api/v1/offline-writes/" + id + "/resolve", token,
                Map.of("resolution", "merged", "payload", payload));
    }

    private long eventsOf(String id) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, id);
        return n == null ? 0 : n;
    }
}

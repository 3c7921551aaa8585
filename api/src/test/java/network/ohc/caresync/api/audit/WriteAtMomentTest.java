package network.ohc.caresync.api.audit;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.Users;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A write as it stood at any moment, rebuilt from its events up to then. */
class WriteAtMomentTest extends AuditTest {

    @Test
    void aWriteIsShownAsItStoodWhenHandedOverWhenItFailedAndWhenItSynced() {
        String token = api.login(Users.ASHA);
        String auditor = api.login(Users.MEENA);
        String id = aPatientThatFailsOnceThenSyncs(token);
        List<Map<String, Object>> events = events(auditor, "writeId=" + id);

        Map<String, Object> handedOver = stateAt(auditor, id, first(events, "OfflineWriteCreated"));
        Map<String, Object> failed = stateAt(auditor, id, first(events, "SyncFailed"));
        Map<String, Object> synced = stateAt(auditor, id, last(events, "Synced"));

        assertThat(handedOver).containsEntry("id", id).containsEntry("syncStatus", "pending")
                .containsEntry("retries", 0).containsEntry("realId", null).containsEntry("attempts", 0);
        assertThat((List<?>) handedOver.get("history")).hasSize(1);
        assertThat(failed).containsEntry("syncStatus", "failed").containsEntry("retryable", true)
                .containsEntry("retries", 1).containsEntry("attempts", 1).containsEntry("realId", null);
        assertThat(map(failed.get("lastErrorDetail"))).containsEntry("httpStatus", 503);
        assertThat(failed.get("nextAttemptAt")).isNotNull();
        assertThat(synced).containsEntry("syncStatus", "success")
                .containsEntry("attempts", (int) events.stream().filter(e -> "SyncAttempted".equals(e.get("type"))).count());
        assertThat((String) synced.get("realId")).isNotBlank();
        assertThat(map(synced.get("response"))).containsEntry("id", synced.get("realId"));
    }

    @Test
    void theStateNowIsTheViewTheWriteHasAndBeforeItExistedThereIsNone() {
        String token = api.login(Users.ASHA);
        String auditor = api.login(Users.KIRAN);
        String id = aPatientThatFailsOnceThenSyncs(token);
        Map<String, Object> created = first(events(auditor, "writeId=" + id), "OfflineWriteCreated");

        Map<String, Object> now = new HashMap<>(api.get("/api/v1/audit/writes/" + id + "/state", auditor).json());
        Map<String, Object> view = new HashMap<>(write(token, id));
        Api.Answer before = api.get("/api/v1/audit/writes/" + id + "/state?at="
                + Instant.parse((String) created.get("timestamp")).minusMillis(1), auditor);
        Api.Answer badTime = api.get("/api/v1/audit/writes/" + id + "/state?at=yesterday", auditor);

        now.keySet().removeAll(List.of("asOf", "history"));
        view.remove("history");
        // the base version care-sync holds for a merge is a copy it keeps beside the write, not part of its history
        view.remove("base");
        assertThat(now).isEqualTo(view);
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.header("Content-Type")).contains("application/problem+json");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("errors").toString()).contains("field=at");
    }

    private Map<String, Object> stateAt(String auditor, String id, Map<String, Object> event) {
        Api.Answer answer = api.get("/api/v1/audit/writes/" + id + "/state?at=" + event.get("timestamp"), auditor);
        assertThat(answer.status()).as("state at %s: %s", event.get("timestamp"), answer).isEqualTo(200);
        return answer.json();
    }
}

package network.ohc.caresync.simulator.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import network.ohc.caresync.simulator.SimulatorTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencyTest extends SimulatorTestSupport {

    private static final String KEY = "offline-3f1c2b7e-0000-4000-8000-000000000001";

    private String token;

    @BeforeEach
    void signIn() throws Exception {
        token = login("nurse.asha");
    }

    private Reply createWithKey(String tokenToUse, String key) throws IOException {
        return send("POST", "/api/v1/patient/", tokenToUse, patientBody("Keyed", "+919400000001"),
                Map.of("Idempotency-Key", key));
    }

    @Test
    void offByDefaultLikeCareSoARepeatIsADuplicateAndIsCounted() throws Exception {
        String first = createWithKey(token, KEY).text("id");
        String second = createWithKey(token, KEY).text("id");

        assertThat(first).isNotEqualTo(second);
        assertThat(recordCount("patient")).isEqualTo(2);
        assertThat(get("/__sim/applied/" + KEY, null).body().path("count").asInt()).isEqualTo(2);
        assertThat(get("/__sim/applied", null).body().path(KEY).asInt()).isEqualTo(2);
        assertThat(stats().path("duplicateApplies").asInt()).isEqualTo(1);
    }

    @Test
    void whenOnARepeatReplaysTheFirstAnswerAndAppliesNothing() throws Exception {
        faults("{\"idempotencyKeys\": true}");

        Reply first = createWithKey(token, KEY);
        Reply second = createWithKey(token, KEY);

        assertThat(second.status()).isEqualTo(first.status());
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(recordCount("patient")).isEqualTo(1);
        assertThat(get("/__sim/applied/" + KEY, null).body().path("count").asInt()).isEqualTo(1);
        assertThat(stats().path("idempotentReplays").asInt()).isEqualTo(1);
        assertThat(stats().path("duplicateApplies").asInt()).isZero();
    }

    @Test
    void keysArePerUser() throws Exception {
        faults("{\"idempotencyKeys\": true}");

        createWithKey(token, KEY);
        createWithKey(login("doctor.ravi"), KEY);

        assertThat(recordCount("patient")).isEqualTo(2);
    }

    @Test
    void aRefusedRequestIsNotRememberedSoItsRetryApplies() throws Exception {
        faults("{\"idempotencyKeys\": true}");
        put("/__sim/users/nurse.asha/permissions", null, Map.of("write", false));
        assertThat(createWithKey(token, KEY).status()).isEqualTo(403);
        put("/__sim/users/nurse.asha/permissions", null, Map.of("write", true));

        Reply retry = createWithKey(token, KEY);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(recordCount("patient")).isEqualTo(1);
        assertThat(get("/__sim/applied/" + KEY, null).body().path("count").asInt()).isEqualTo(1);
    }

    @Test
    void aLostAnswerCanBeRecoveredByRetryingWithTheSameKey() throws Exception {
        faults("{\"idempotencyKeys\": true, \"dropAfterApplyRate\": 1}");
        assertThatThrownBy(() -> createWithKey(token, KEY)).isInstanceOf(IOException.class);
        faults("{\"dropAfterApplyRate\": 0}");

        Reply retry = createWithKey(token, KEY);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.text("id")).isEqualTo(get("/__sim/records?kind=patient", null).body()
                .path("results").get(0).path("id").asText());
        assertThat(recordCount("patient")).isEqualTo(1);
        assertThat(get("/__sim/applied/" + KEY, null).body().path("count").asInt()).isEqualTo(1);
    }
}

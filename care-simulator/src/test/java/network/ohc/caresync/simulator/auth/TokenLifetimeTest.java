package network.ohc.caresync.simulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import network.ohc.caresync.simulator.SimulatorTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A context of its own: short token lifetimes and configured users instead of the demo ones. */
@TestPropertySource(properties = {
        "care-simulator.access-token-lifetime=PT1S",
        "care-simulator.refresh-token-lifetime=PT1S",
        "care-simulator.jwt-secret=a-test-secret",
        "care-simulator.users[0].username=clerk.anu",
        "care-simulator.users[0].password=s3cret",
        "care-simulator.users[0].first-name=Anu",
        "care-simulator.users[0].user-type=staff"})
class TokenLifetimeTest extends SimulatorTestSupport {

    @Test
    void tokensStopWorkingWhenTheirLifetimeEnds() throws Exception {
        JsonNode pair = post("/api/v1/auth/login/", null, Map.of("username", "clerk.anu", "password", "s3cret"))
                .body();
        assertThat(get("/api/v1/users/getcurrentuser/", pair.path("access").asText()).text("first_name"))
                .isEqualTo("Anu");

        Thread.sleep(1_300);

        Reply expired = get("/api/v1/users/getcurrentuser/", pair.path("access").asText());
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.text("code")).isEqualTo("token_not_valid");
        assertThat(post("/api/v1/auth/token/refresh/", null, Map.of("refresh", pair.path("refresh").asText()))
                .status()).isEqualTo(401);
    }

    @Test
    void onlyConfiguredUsersExist() throws Exception {
        Reply reply = post("/api/v1/auth/login/", null, Map.of("username", "nurse.asha", "password", "care-demo-1"));

        assertThat(reply.status()).isEqualTo(401);
    }
}

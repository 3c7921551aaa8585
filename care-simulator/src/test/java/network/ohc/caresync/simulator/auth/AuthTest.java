package network.ohc.caresync.simulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Map;
import network.ohc.caresync.simulator.SimulatorTestSupport;
import network.ohc.caresync.simulator.user.DemoUsers;
import org.junit.jupiter.api.Test;

class AuthTest extends SimulatorTestSupport {

    @Test
    void loginReturnsAccessAndRefreshJwtsNamingTheUser() throws Exception {
        JsonNode pair = tokens("nurse.asha");

        JWTClaimsSet access = SignedJWT.parse(pair.path("access").asText()).getJWTClaimsSet();
        JWTClaimsSet refresh = SignedJWT.parse(pair.path("refresh").asText()).getJWTClaimsSet();
        assertThat(access.getStringClaim("user_id")).isEqualTo(DemoUsers.NURSE_ASHA.id().toString());
        assertThat(access.getStringClaim("token_type")).isEqualTo("access");
        assertThat(refresh.getStringClaim("token_type")).isEqualTo("refresh");
        assertThat(access.getJWTID()).isNotBlank();
        assertThat(access.getExpirationTime()).isAfter(new Date());
        assertThat(refresh.getExpirationTime()).isAfter(access.getExpirationTime());
    }

    @Test
    void wrongPasswordIs401NoActiveAccount() throws Exception {
        Reply reply = post("/api/v1/auth/login/", null, Map.of("username", "nurse.asha", "password", "nope"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text("detail")).isEqualTo("No active account found with the given credentials");
        assertThat(reply.text("code")).isEqualTo("no_active_account");
    }

    @Test
    void missingLoginFieldsAreDrfFieldErrors() throws Exception {
        Reply reply = post("/api/v1/auth/login/", null, Map.of("username", "nurse.asha"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("password").get(0).asText()).isEqualTo("This field is required.");
    }

    @Test
    void refreshRotatesAndTheOldRefreshTokenIsRefused() throws Exception {
        JsonNode first = tokens("doctor.ravi");
        String oldRefresh = first.path("refresh").asText();

        Reply refreshed = post("/api/v1/auth/token/refresh/", null, Map.of("refresh", oldRefresh));
        Reply reused = post("/api/v1/auth/token/refresh/", null, Map.of("refresh", oldRefresh));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.text("refresh")).isNotEqualTo(oldRefresh);
        assertThat(get("/api/v1/users/getcurrentuser/", refreshed.text("access")).status()).isEqualTo(200);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.text("code")).isEqualTo("token_not_valid");
        assertThat(reused.text("detail")).isEqualTo("Token is invalid or expired");
        Reply again = post("/api/v1/auth/token/refresh/", null, Map.of("refresh", refreshed.text("refresh")));
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void anAccessTokenIsNotARefreshToken() throws Exception {
        Reply reply = post("/api/v1/auth/token/refresh/", null, Map.of("refresh", login("nurse.asha")));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text("code")).isEqualTo("token_not_valid");
    }

    @Test
    void missingTokenIs403CredentialsNotProvided() throws Exception {
        Reply reply = get("/api/v1/patient/", null);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.text("detail")).isEqualTo("Authentication credentials were not provided.");
    }

    @Test
    void forgedTokenIs403TokenNotValid() throws Exception {
        byte[] otherSecret = new byte[32];
        new SecureRandom().nextBytes(otherSecret);
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .claim("token_type", "access").claim("user_id", DemoUsers.NURSE_ASHA.id().toString())
                .jwtID("forged").expirationTime(new Date(System.currentTimeMillis() + 60_000)).build());
        forged.sign(new MACSigner(otherSecret));

        for (String token : new String[] {forged.serialize(), "not-a-jwt"}) {
            Reply reply = get("/api/v1/patient/", token);
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.text("detail")).isEqualTo("Invalid Token, please relogin to continue");
            assertThat(reply.text("code")).isEqualTo("token_not_valid");
        }
    }

    @Test
    void expiringTokensMakesAccessTokensInvalidButRefreshStillWorks() throws Exception {
        JsonNode pair = tokens("nurse.meena");

        post("/__sim/tokens/expire", null, null);

        Reply refused = get("/api/v1/users/getcurrentuser/", pair.path("access").asText());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("token_not_valid");
        Reply refreshed = post("/api/v1/auth/token/refresh/", null, Map.of("refresh", pair.path("refresh").asText()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(get("/api/v1/users/getcurrentuser/", refreshed.text("access")).status()).isEqualTo(200);
    }

    @Test
    void expiringRefreshTokensToo() throws Exception {
        JsonNode pair = tokens("nurse.meena");

        post("/__sim/tokens/expire", null, Map.of("refresh", true));

        Reply refused = post("/api/v1/auth/token/refresh/", null, Map.of("refresh", pair.path("refresh").asText()));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("code")).isEqualTo("token_not_valid");
    }

    @Test
    void logoutRevokesBothTokens() throws Exception {
        JsonNode pair = tokens("admin.kiran");

        Reply reply = post("/api/v1/auth/logout/", null, Map.of("access", pair.path("access").asText(),
                "refresh", pair.path("refresh").asText()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(get("/api/v1/users/getcurrentuser/", pair.path("access").asText()).status()).isEqualTo(403);
        assertThat(post("/api/v1/auth/token/refresh/", null, Map.of("refresh", pair.path("refresh").asText()))
                .status()).isEqualTo(401);
    }

    @Test
    void getCurrentUserDescribesTheSignedInUser() throws Exception {
        Reply reply = get("/api/v1/users/getcurrentuser/", login("doctor.ravi"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("id")).isEqualTo(DemoUsers.DOCTOR_RAVI.id().toString());
        assertThat(reply.text("username")).isEqualTo("doctor.ravi");
        assertThat(reply.text("first_name")).isEqualTo("Ravi");
        assertThat(reply.text("last_name")).isEqualTo("Kumar");
        assertThat(reply.text("user_type")).isEqualTo("doctor");
    }

    @Test
    void facilityAndOrganizationAreListedWithFixedIds() throws Exception {
        String token = login("nurse.asha");

        Reply facilities = get("/api/v1/facility/", token);
        Reply organizations = get("/api/v1/organization/", token);

        assertThat(facilities.body().path("count").asInt()).isEqualTo(1);
        assertThat(facilities.body().path("results").get(0).path("id").asText()).isEqualTo(FACILITY);
        assertThat(organizations.body().path("results").get(0).path("id").asText()).isEqualTo(ORGANIZATION);
        assertThat(get("/api/v1/facility/" + FACILITY + "/", token).text("name")).isEqualTo("Demo District Hospital");
        assertThat(get("/api/v1/organization/" + ORGANIZATION + "/", token).text("org_type")).isEqualTo("govt");
        assertThat(get("/api/v1/facility/" + ORGANIZATION + "/", token).status()).isEqualTo(404);
    }
}

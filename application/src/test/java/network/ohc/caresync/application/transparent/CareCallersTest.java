package network.ohc.caresync.application.transparent;

import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.auth.CredentialStore;
import network.ohc.caresync.application.auth.Roles;
import network.ohc.caresync.application.auth.StoredCredential;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class CareCallersTest {

    static final Instant NOW = Instant.parse("2025-10-01T09:00:00Z");
    static final String ASHA = "db28c49e-37b7-4a8a-812b-49a13499eb82";
    static final String RAVI = "a4ac149e-28ee-4d14-9af4-0b94634cfcf1";

    final Map<String, String> known = new HashMap<>();
    final Map<String, StoredCredential> credentials = new HashMap<>();
    final Set<String> openSessions = new HashSet<>();
    final CareCallers callers = new CareCallers(new OwnTokens(), new Sessions(), new Known(), new Credentials(),
            new Roles(Set.of(), Set.of()), Clock.fixed(NOW, ZoneOffset.UTC));

    CareCallersTest() {
        credentials.put(ASHA, credential(ASHA, "nurse.asha", "vaulted-access"));
        credentials.put(RAVI, credential(RAVI, "doctor.ravi", null));
    }

    @Test
    void aCareTokenNamesItsUserOnlyOnceCareIssuedOrAcceptedIt() {
        String token = careToken(ASHA, "access", NOW.plusSeconds(600));
        assertThat(callers.verify(token, "tablet-3")).isEmpty();

        callers.acceptedByCare(token);

        assertThat(callers.verify(token, "tablet-3")).map(Caller::userId).contains(ASHA);
        assertThat(callers.verify(token, "tablet-3")).map(Caller::deviceId).contains("tablet-3");
        // the same claims under another signature are another token
        assertThat(callers.verify(token.substring(0, token.lastIndexOf('.')) + ".forged", null)).isEmpty();
    }

    @Test
    void aTokenCareSyncIssuedNamesItsUserAndAnExpiredOrRefreshTokenNamesNobody() {
        TransparentTokens.Pair own = callers.issue(RAVI, "doctor.ravi");
        openSessions.add(TransparentSessions.idOf(own.refresh()));
        assertThat(callers.verify(own.access(), null)).map(Caller::username).contains("doctor.ravi");
        String expired = careToken(ASHA, "access", NOW.minusSeconds(1));
        String refresh = careToken(ASHA, "refresh", NOW.plusSeconds(600));
        callers.issuedByCare(expired, refresh);

        assertThat(callers.verify(expired, null)).isEmpty();
        assertThat(callers.verify(refresh, null)).isEmpty();
        assertThat(callers.refreshUser(refresh)).contains(ASHA);
        assertThat(callers.refreshUser(careToken(RAVI, "refresh", NOW.plusSeconds(600)))).isEmpty();
    }

    @Test
    void theVaultsOwnTokenNamesItsUserAndASignedOutTokenNoLonger() {
        credentials.put(ASHA, credential(ASHA, "nurse.asha", careToken(ASHA, "access", NOW.plusSeconds(60))));
        assertThat(callers.verify(credentials.get(ASHA).accessToken(), null)).isPresent();

        String token = careToken(ASHA, "access", NOW.plusSeconds(600));
        callers.issuedByCare(token);
        callers.forget(token);

        assertThat(callers.verify(token, null)).isEmpty();
    }

    @Test
    void aTokenCareSyncIssuedProvesItsUserOnlyWhileItsSessionIsOpen() {
        TransparentTokens.Pair first = callers.issue(ASHA, "nurse.asha");
        TransparentTokens.Pair second = callers.issue(ASHA, "nurse.asha");
        String firstSession = TransparentSessions.idOf(first.refresh());
        openSessions.add(firstSession);
        openSessions.add(TransparentSessions.idOf(second.refresh()));
        TransparentTokens.Pair renewed = callers.renew(ASHA, "nurse.asha", firstSession);
        assertThat(callers.verify(first.access(), null)).isPresent();
        assertThat(callers.sessionOf(renewed.refresh())).contains(firstSession);

        openSessions.remove(firstSession);

        assertThat(callers.verify(first.access(), null)).isEmpty();
        assertThat(callers.verify(renewed.access(), null)).isEmpty();
        assertThat(callers.refreshUser(first.refresh())).isEmpty();
        assertThat(callers.refreshUser(renewed.refresh())).isEmpty();
        // still care-sync's own: refused here, never passed to CARE as if they were CARE's
        assertThat(callers.issuedHere(first.access())).contains(ASHA);
        assertThat(callers.refreshIssuedHere(first.refresh())).isPresent();
        // the user's other session goes on
        assertThat(callers.verify(second.access(), null)).map(Caller::userId).contains(ASHA);
        assertThat(callers.refreshUser(second.refresh())).contains(ASHA);
    }

    static String careToken(String userId, String type, Instant expires) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"token_type\":\"" + type + "\",\"exp\":" + expires.getEpochSecond() + ",\"jti\":\""
                + java.util.UUID.randomUUID() + "\",\"user_id\":\"" + userId + "\"}";
        return b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".signature";
    }

    static StoredCredential credential(String userId, String username, String access) {
        return new StoredCredential(userId, username, null, null, "hash", access, NOW.plusSeconds(60), null, null,
                false);
    }

    /**
     * care-sync's own tokens, as "own-access:<user>:<session>" and "own-refresh:<user>:<n>[:<session>]" (a refresh
     * token without a session began one, named by its hash).
     */
    static final class OwnTokens implements TransparentTokens {
        private int issued;

        @Override
        public Pair issue(String userId, String username) {
            String refresh = "own-refresh:" + userId + ":" + ++issued;
            return new Pair("own-access:" + userId + ":" + TransparentSessions.idOf(refresh), refresh);
        }

        @Override
        public Pair renew(String userId, String username, String sessionId) {
            return new Pair("own-access:" + userId + ":" + sessionId,
                    "own-refresh:" + userId + ":" + ++issued + ":" + sessionId);
        }

        @Override
        public Optional<Issued> read(String token, Type type) {
            String prefix = type == Type.ACCESS ? "own-access:" : "own-refresh:";
            if (token == null || !token.startsWith(prefix)) {
                return Optional.empty();
            }
            String[] parts = token.substring(prefix.length()).split(":");
            String session = type == Type.ACCESS ? parts[1]
                    : parts.length > 2 ? parts[2] : TransparentSessions.idOf(token);
            return Optional.of(new Issued(parts[0], session));
        }
    }

    final class Sessions implements TransparentSessions {
        @Override
        public void opened(String refreshToken, String userId, String username, Instant expiresAt) {
            openSessions.add(TransparentSessions.idOf(refreshToken));
        }

        @Override
        public void renewed(String sessionId, Instant expiresAt) {
        }

        @Override
        public boolean isOpen(String sessionId) {
            return openSessions.contains(sessionId);
        }

        @Override
        public void signedOut(String sessionId) {
            openSessions.remove(sessionId);
        }

        @Override
        public void refused(String refreshToken) {
        }
    }

    final class Known implements KnownCareTokens {
        @Override
        public void remember(String tokenHash, String userId, Instant expiresAt) {
            known.putIfAbsent(tokenHash, userId);
        }

        @Override
        public Optional<String> userOf(String tokenHash, Instant now) {
            return Optional.ofNullable(known.get(tokenHash));
        }

        @Override
        public void forget(String tokenHash) {
            known.remove(tokenHash);
        }

        @Override
        public int forgetExpired(Instant now) {
            return 0;
        }
    }

    final class Credentials implements CredentialStore {
        @Override
        public Optional<StoredCredential> find(String userId) {
            return Optional.ofNullable(credentials.get(userId));
        }

        @Override
        public Optional<StoredCredential> findByUsername(String username) {
            return credentials.values().stream().filter(c -> c.username().equals(username)).findFirst();
        }

        @Override
        public void save(StoredCredential credential) {
            credentials.put(credential.userId(), credential);
        }

        @Override
        public Optional<StoredCredential> update(String userId, UnaryOperator<StoredCredential> change) {
            return find(userId).map(change);
        }
    }
}

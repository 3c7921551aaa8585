package network.ohc.caresync.application.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands the sync engine a valid CARE token for a user, refreshing it through CARE when it runs out. Refreshes of
 * one user are serialized under the credential's lock, so a rotated refresh token is never used twice. When CARE
 * refuses the refresh token the user is marked as needing to sign in again; their writes then wait.
 */
public final class TokenVault implements CareTokenVault {

    private static final Logger log = LoggerFactory.getLogger(TokenVault.class);
    private static final Duration EARLY = Duration.ofSeconds(30);

    private final CredentialStore store;
    private final CareAuth care;
    private final Clock clock;

    public TokenVault(CredentialStore store, CareAuth care, Clock clock) {
        this.store = store;
        this.care = care;
        this.clock = clock;
    }

    @Override
    public Optional<String> accessTokenFor(String userId) {
        Optional<StoredCredential> found = store.find(userId);
        if (found.isEmpty() || found.get().needsSignIn() || found.get().accessToken() == null) {
            return Optional.empty();
        }
        if (fresh(found.get().accessToken(), found.get().accessExpiresAt())) {
            return Optional.of(found.get().accessToken());
        }
        return refresh(userId, found.get().accessToken());
    }

    @Override
    public Optional<String> refreshAfterRejection(String userId, String rejectedToken) {
        return refresh(userId, rejectedToken);
    }

    @Override
    public boolean needsSignIn(String userId) {
        return store.find(userId).map(StoredCredential::needsSignIn).orElse(true);
    }

    private Optional<String> refresh(String userId, String staleToken) {
        AtomicReference<String> result = new AtomicReference<>();
        store.update(userId, current -> {
            if (current.needsSignIn()) {
                return current;
            }
            if (!Objects.equals(current.accessToken(), staleToken)
                    && fresh(current.accessToken(), current.accessExpiresAt())) {
                result.set(current.accessToken());
                return current;
            }
            if (current.refreshToken() == null || !fresh(current.refreshToken(), current.refreshExpiresAt())) {
                log.info("CARE tokens of user {} ran out; the user must sign in again", userId);
                return current.needingSignIn();
            }
            CareAuth.Answer answer = care.refresh(current.refreshToken());
            if (answer instanceof CareAuth.Answer.Tokens tokens) {
                result.set(tokens.tokens().access());
                return current.withTokens(tokens.tokens());
            }
            if (answer instanceof CareAuth.Answer.Refused) {
                log.info("CARE refused the refresh token of user {}; the user must sign in again", userId);
                return current.needingSignIn();
            }
            return current;
        });
        return Optional.ofNullable(result.get());
    }

    private boolean fresh(String token, Instant expiresAt) {
        return token != null && (expiresAt == null || expiresAt.minus(EARLY).isAfter(clock.instant()));
    }
}

package network.ohc.caresync.application.auth;

import java.time.Instant;

/**
 * What care-sync keeps for a CARE user: the tokens (decrypted here; encrypted at rest) and a slow salted hash of the
 * password for sign-in while CARE is unreachable. Wrong passwords are counted apart, per username
 * ({@link SignInAttempts}).
 */
public record StoredCredential(String userId, String username, String firstName, String lastName,
                               String passwordHash, String accessToken, Instant accessExpiresAt,
                               String refreshToken, Instant refreshExpiresAt, boolean needsSignIn) {

    public StoredCredential withTokens(CareTokens tokens) {
        return new StoredCredential(userId, username, firstName, lastName, passwordHash, tokens.access(),
                tokens.accessExpiresAt(), tokens.refresh(), tokens.refreshExpiresAt(), false);
    }

    public StoredCredential needingSignIn() {
        return new StoredCredential(userId, username, firstName, lastName, passwordHash, accessToken,
                accessExpiresAt, refreshToken, refreshExpiresAt, true);
    }
}

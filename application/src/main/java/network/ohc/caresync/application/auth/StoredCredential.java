package network.ohc.caresync.application.auth;

import java.time.Instant;

/**
 * What care-sync keeps for a CARE user: the tokens (decrypted here; encrypted at rest), a slow salted hash of the
 * password for sign-in while CARE is unreachable, and the attempt counter for wrong passwords.
 */
public record StoredCredential(String userId, String username, String firstName, String lastName,
                               String passwordHash, String accessToken, Instant accessExpiresAt,
                               String refreshToken, Instant refreshExpiresAt, boolean needsSignIn,
                               int failedAttempts, Instant lockedUntil) {

    public StoredCredential withTokens(CareTokens tokens) {
        return new StoredCredential(userId, username, firstName, lastName, passwordHash, tokens.access(),
                tokens.accessExpiresAt(), tokens.refresh(), tokens.refreshExpiresAt(), false, failedAttempts,
                lockedUntil);
    }

    public StoredCredential needingSignIn() {
        return new StoredCredential(userId, username, firstName, lastName, passwordHash, accessToken,
                accessExpiresAt, refreshToken, refreshExpiresAt, true, failedAttempts, lockedUntil);
    }

    public StoredCredential withFailedAttempt(Instant lockUntil) {
        return new StoredCredential(userId, username, firstName, lastName, passwordHash, accessToken,
                accessExpiresAt, refreshToken, refreshExpiresAt, needsSignIn, failedAttempts + 1, lockUntil);
    }

    public StoredCredential withAttemptsReset() {
        return new StoredCredential(userId, username, firstName, lastName, passwordHash, accessToken,
                accessExpiresAt, refreshToken, refreshExpiresAt, needsSignIn, 0, null);
    }
}

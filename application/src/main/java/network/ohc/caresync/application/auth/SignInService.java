package network.ohc.caresync.application.auth;

import network.ohc.caresync.application.sync.SyncTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs users in through care-sync. While CARE is reachable, CARE checks the password; care-sync then keeps the
 * user's CARE tokens and a slow hash of the password. While CARE is unreachable, a user who signed in online
 * before is checked against that hash. Wrong passwords count toward a lockout either way.
 */
public final class SignInService {

    private static final Logger log = LoggerFactory.getLogger(SignInService.class);

    private final CareAuth care;
    private final CredentialStore credentials;
    private final PasswordHasher hasher;
    private final SessionIssuer sessions;
    private final Roles roles;
    private final List<UserDataWiper> wipers;
    private final SyncTrigger trigger;
    private final Clock clock;
    private final int maxFailedAttempts;
    private final Duration lockout;

    public SignInService(CareAuth care, CredentialStore credentials, PasswordHasher hasher, SessionIssuer sessions,
                         Roles roles, List<UserDataWiper> wipers, SyncTrigger trigger, Clock clock,
                         int maxFailedAttempts, Duration lockout) {
        this.care = care;
        this.credentials = credentials;
        this.hasher = hasher;
        this.sessions = sessions;
        this.roles = roles;
        this.wipers = List.copyOf(wipers);
        this.trigger = trigger;
        this.clock = clock;
        this.maxFailedAttempts = maxFailedAttempts;
        this.lockout = lockout;
    }

    public SignIn signIn(String username, String password, String deviceId) {
        VerifiedUser user = verify(username, password);
        return open(user.userId(), user.username(), deviceId, user.offline());
    }

    /**
     * Checks the password as {@link #signIn} does (CARE first, else the kept hash) and keeps the user's CARE tokens
     * and password hash, without opening a care-sync session (the transparent mode answers with tokens of its own).
     */
    public VerifiedUser verify(String username, String password) {
        Optional<StoredCredential> known = unlocked(username);
        CareAuth.Answer answer = care.login(username, password);
        if (answer instanceof CareAuth.Answer.Tokens tokens) {
            return online(username, password, tokens.tokens(), known);
        }
        if (answer instanceof CareAuth.Answer.Refused) {
            known.ifPresent(this::countWrongPassword);
            throw new SignInFailed(SignInFailed.Reason.BAD_CREDENTIALS, "wrong username or password");
        }
        return offline(password, known);
    }

    /** Checks the password against the kept hash only, without asking CARE: the caller knows CARE is unreachable. */
    public VerifiedUser verifyOffline(String username, String password) {
        return offline(password, unlocked(username));
    }

    private Optional<StoredCredential> unlocked(String username) {
        Optional<StoredCredential> known = credentials.findByUsername(username);
        if (known.isPresent() && known.get().lockedUntil() != null
                && known.get().lockedUntil().isAfter(clock.instant())) {
            throw new SignInFailed(SignInFailed.Reason.LOCKED,
                    "too many wrong passwords; try again after " + known.get().lockedUntil());
        }
        return known;
    }

    public void signOut(Caller caller, String sessionId) {
        sessions.revoke(sessionId);
        wipers.forEach(w -> w.wipe(caller.userId()));
    }

    private VerifiedUser online(String username, String password, CareTokens tokens,
                                Optional<StoredCredential> known) {
        Map<String, Object> user = care.currentUser(tokens.access());
        if (user == null || !(user.get("id") instanceof String userId)) {
            throw new SignInFailed(SignInFailed.Reason.UPSTREAM_ERROR, "CARE did not say who the user is");
        }
        String canonicalName = user.get("username") instanceof String u ? u : username;
        StoredCredential credential = new StoredCredential(userId, canonicalName, text(user.get("first_name")),
                text(user.get("last_name")), hasher.hash(password), tokens.access(), tokens.accessExpiresAt(),
                tokens.refresh(), tokens.refreshExpiresAt(), false, 0, null);
        known.filter(k -> !k.userId().equals(userId)).ifPresent(stale ->
                log.warn("username {} now belongs to another CARE user id; keeping the new one", canonicalName));
        credentials.save(credential);
        trigger.wake();
        return new VerifiedUser(userId, canonicalName, false);
    }

    private VerifiedUser offline(String password, Optional<StoredCredential> known) {
        if (known.isEmpty() || known.get().passwordHash() == null) {
            throw new SignInFailed(SignInFailed.Reason.NEEDS_CARE_ONCE,
                    "CARE cannot be reached, and signing in while it is unreachable needs one sign-in while it is "
                            + "reachable first");
        }
        StoredCredential credential = known.get();
        if (!hasher.matches(password, credential.passwordHash())) {
            countWrongPassword(credential);
            throw new SignInFailed(SignInFailed.Reason.BAD_CREDENTIALS, "wrong username or password");
        }
        if (credential.failedAttempts() > 0) {
            credentials.update(credential.userId(), StoredCredential::withAttemptsReset);
        }
        return new VerifiedUser(credential.userId(), credential.username(), true);
    }

    private SignIn open(String userId, String username, String deviceId, boolean offline) {
        Caller caller = new Caller(userId, username, roles.of(username), deviceId);
        SessionIssuer.IssuedSession session = sessions.issue(caller);
        return new SignIn(session.token(), session.expiresAt(), userId, username, caller.roles(), offline);
    }

    private void countWrongPassword(StoredCredential credential) {
        credentials.update(credential.userId(), current -> {
            Instant lockUntil = current.failedAttempts() + 1 >= maxFailedAttempts ? clock.instant().plus(lockout)
                    : current.lockedUntil();
            return current.withFailedAttempt(lockUntil);
        });
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

package network.ohc.caresync.application.auth;

import network.ohc.caresync.application.sync.SyncTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs users in through care-sync. While CARE is reachable, CARE checks the password; care-sync then keeps the
 * user's CARE tokens and a slow hash of the password. While CARE is unreachable, a user who signed in online
 * before is checked against that hash. Wrong passwords count toward a lockout either way, for any username, known
 * to care-sync or not, so guessing is limited against every name.
 */
public final class SignInService {

    private static final Logger log = LoggerFactory.getLogger(SignInService.class);
    /** A name without a wrong password for this long starts counting again. */
    static final Duration FORGET_WRONG_PASSWORDS_AFTER = Duration.ofDays(1);

    private final CareAuth care;
    private final CredentialStore credentials;
    private final SignInAttempts attempts;
    private final PasswordHasher hasher;
    private final SessionIssuer sessions;
    private final Roles roles;
    private final List<UserDataWiper> wipers;
    private final SyncTrigger trigger;
    private final Clock clock;
    private final int maxFailedAttempts;
    private final Duration lockout;

    public SignInService(CareAuth care, CredentialStore credentials, SignInAttempts attempts, PasswordHasher hasher,
                         SessionIssuer sessions, Roles roles, List<UserDataWiper> wipers, SyncTrigger trigger,
                         Clock clock, int maxFailedAttempts, Duration lockout) {
        this.care = care;
        this.credentials = credentials;
        this.attempts = attempts;
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
        String key = unlocked(username);
        CareAuth.Answer answer = care.login(username, password);
        if (answer instanceof CareAuth.Answer.Tokens tokens) {
            VerifiedUser user = online(username, password, tokens.tokens());
            attempts.clear(key);
            return user;
        }
        if (answer instanceof CareAuth.Answer.Refused) {
            throw wrongPassword(key);
        }
        return offline(key, password, credentials.findByUsername(username));
    }

    /** Checks the password against the kept hash only, without asking CARE: the caller knows CARE is unreachable. */
    public VerifiedUser verifyOffline(String username, String password) {
        return offline(unlocked(username), password, credentials.findByUsername(username));
    }

    /** The name's key for counting wrong passwords; refused at once while the name is locked, before CARE is asked. */
    private String unlocked(String username) {
        String key = UsernameKey.of(username);
        attempts.lockedUntil(key, clock.instant()).ifPresent(until -> {
            throw new SignInFailed(SignInFailed.Reason.LOCKED, "too many wrong passwords; try again after " + until);
        });
        return key;
    }

    public void signOut(Caller caller, String sessionId) {
        sessions.revoke(sessionId);
        wipers.forEach(w -> w.wipe(caller.userId()));
    }

    private VerifiedUser online(String username, String password, CareTokens tokens) {
        Map<String, Object> user = care.currentUser(tokens.access());
        if (user == null || !(user.get("id") instanceof String userId)) {
            throw new SignInFailed(SignInFailed.Reason.UPSTREAM_ERROR, "CARE did not say who the user is");
        }
        String canonicalName = user.get("username") instanceof String u ? u : username;
        StoredCredential credential = new StoredCredential(userId, canonicalName, text(user.get("first_name")),
                text(user.get("last_name")), hasher.hash(password), tokens.access(), tokens.accessExpiresAt(),
                tokens.refresh(), tokens.refreshExpiresAt(), false);
        credentials.findByUsername(canonicalName).filter(k -> !k.userId().equals(userId)).ifPresent(stale ->
                log.warn("username {} now belongs to another CARE user id; keeping the new one", canonicalName));
        credentials.save(credential);
        trigger.wake();
        return new VerifiedUser(userId, canonicalName, false);
    }

    private VerifiedUser offline(String key, String password, Optional<StoredCredential> known) {
        if (known.isEmpty() || known.get().passwordHash() == null) {
            throw new SignInFailed(SignInFailed.Reason.NEEDS_CARE_ONCE,
                    "CARE cannot be reached, and signing in while it is unreachable needs one sign-in while it is "
                            + "reachable first");
        }
        StoredCredential credential = known.get();
        if (!hasher.matches(password, credential.passwordHash())) {
            throw wrongPassword(key);
        }
        attempts.clear(key);
        return new VerifiedUser(credential.userId(), credential.username(), true);
    }

    private SignIn open(String userId, String username, String deviceId, boolean offline) {
        Caller caller = new Caller(userId, username, roles.of(username), deviceId);
        SessionIssuer.IssuedSession session = sessions.issue(caller);
        return new SignIn(session.token(), session.expiresAt(), userId, username, caller.roles(), offline);
    }

    private SignInFailed wrongPassword(String key) {
        attempts.countWrongPassword(key, clock.instant(), maxFailedAttempts, lockout, FORGET_WRONG_PASSWORDS_AFTER);
        return new SignInFailed(SignInFailed.Reason.BAD_CREDENTIALS, "wrong username or password");
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

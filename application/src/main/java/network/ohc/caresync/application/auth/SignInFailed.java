package network.ohc.caresync.application.auth;

/** Why a sign-in was refused. */
public class SignInFailed extends RuntimeException {

    public enum Reason {
        /** Wrong username or password. */
        BAD_CREDENTIALS,
        /** CARE is unreachable and this user never signed in through care-sync while it was reachable. */
        NEEDS_CARE_ONCE,
        /** Too many wrong passwords in a row; wait. */
        LOCKED,
        /** CARE answered something unexpected. */
        UPSTREAM_ERROR
    }

    private final Reason reason;

    public SignInFailed(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package network.ohc.caresync.application.auth;

/** A user whose password was checked: by CARE ({@code offline} false) or against the kept hash (true). */
public record VerifiedUser(String userId, String username, boolean offline) {
}

package network.ohc.caresync.application.auth;

import network.ohc.caresync.domain.write.Actor;

import java.util.Set;

/** The signed-in person behind a request, with the roles care-sync's configuration gave them. */
public record Caller(String userId, String username, Set<Role> roles, String deviceId) {

    public enum Role { USER, AUDITOR, ADMIN }

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public boolean isAuditor() {
        return roles.contains(Role.AUDITOR);
    }

    public Actor actor() {
        return isAdmin() ? Actor.admin(userId) : Actor.user(userId);
    }
}

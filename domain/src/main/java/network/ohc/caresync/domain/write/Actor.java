package network.ohc.caresync.domain.write;

import java.util.Objects;

/**
 * Who asks for a change: a signed-in person (with the role care-sync gave them) or the engine itself.
 * Only the owner of a write or an administrator may act on it.
 */
public record Actor(String userId, Role role) {

    public enum Role { USER, AUDITOR, ADMIN, ENGINE }

    public static final Actor ENGINE = new Actor("care-sync", Role.ENGINE);

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    public static Actor user(String userId) {
        return new Actor(userId, Role.USER);
    }

    public static Actor admin(String userId) {
        return new Actor(userId, Role.ADMIN);
    }

    public boolean mayActOnWritesOf(String ownerId) {
        return role == Role.ADMIN || role == Role.ENGINE || userId.equals(ownerId);
    }
}

package network.ohc.caresync.simulator.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import network.ohc.caresync.simulator.SimulatorProperties;
import network.ohc.caresync.simulator.SimulatorProperties.ConfiguredUser;
import org.springframework.stereotype.Component;

/** The accounts that can sign in, and which of them are currently denied writes. */
@Component
public class UserDirectory {

    private final Map<String, Account> byUsername = new LinkedHashMap<>();
    private final Map<UUID, User> byId = new LinkedHashMap<>();
    private final Set<UUID> writeDenied = ConcurrentHashMap.newKeySet();

    public UserDirectory(SimulatorProperties properties) {
        if (properties.users().isEmpty()) {
            DemoUsers.ALL.forEach(user -> add(user, DemoUsers.PASSWORD));
        } else {
            properties.users().forEach(configured -> add(toUser(configured), configured.password()));
        }
    }

    private void add(User user, String password) {
        byUsername.put(user.username(), new Account(user, password == null ? "" : password));
        byId.put(user.id(), user);
    }

    private static User toUser(ConfiguredUser configured) {
        if (configured.username() == null || configured.username().isBlank()) {
            throw new IllegalArgumentException("care-simulator.users[n].username is required");
        }
        UUID id = configured.id() != null ? configured.id() : DemoUsers.ALL.stream()
                .filter(demo -> demo.username().equals(configured.username()))
                .map(User::id)
                .findFirst()
                .orElseGet(() -> stableId(configured.username()));
        return new User(id, configured.username(),
                valueOr(configured.firstName(), configured.username()),
                valueOr(configured.lastName(), ""),
                valueOr(configured.userType(), "staff"));
    }

    /** A UUID4-shaped id derived from the username, so a configured user keeps its id across restarts. */
    private static UUID stableId(String username) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(username.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x40);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (hash[i] & 0xff);
                lsb = (lsb << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(msb, lsb);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    public Optional<User> signIn(String username, String password) {
        Account account = byUsername.get(username);
        if (account == null || !MessageDigest.isEqual(
                account.password().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(account.user());
    }

    public Optional<User> byId(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<User> byUsername(String username) {
        Account account = byUsername.get(username);
        return account == null ? Optional.empty() : Optional.of(account.user());
    }

    public List<User> all() {
        return List.copyOf(byId.values());
    }

    public boolean canWrite(User user) {
        return !writeDenied.contains(user.id());
    }

    /** Returns false when there is no such user. */
    public boolean setWrite(String username, boolean write) {
        Optional<User> user = byUsername(username);
        user.ifPresent(u -> {
            if (write) {
                writeDenied.remove(u.id());
            } else {
                writeDenied.add(u.id());
            }
        });
        return user.isPresent();
    }

    public void resetPermissions() {
        writeDenied.clear();
    }

    private record Account(User user, String password) {
        @Override
        public String toString() {
            return "Account[" + user.username() + "]";
        }
    }
}

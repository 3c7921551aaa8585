package network.ohc.caresync.application.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Roles come from configuration (lists of CARE usernames), never from a request. */
public final class Roles {

    private final Set<String> auditors;
    private final Set<String> admins;

    public Roles(Set<String> auditors, Set<String> admins) {
        this.auditors = normalized(auditors);
        this.admins = normalized(admins);
    }

    public Set<Caller.Role> of(String username) {
        Set<Caller.Role> roles = EnumSet.of(Caller.Role.USER);
        String name = username.toLowerCase(Locale.ROOT);
        if (auditors.contains(name)) {
            roles.add(Caller.Role.AUDITOR);
        }
        if (admins.contains(name)) {
            roles.add(Caller.Role.ADMIN);
        }
        return roles;
    }

    private static Set<String> normalized(Set<String> names) {
        return names.stream().map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}

package network.ohc.caresync.api.security;

import network.ohc.caresync.application.auth.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.Locale;

/** An authenticated request: the caller, and the session it came with. */
public class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final String sessionId;

    public CallerAuthentication(Caller caller, String sessionId) {
        super(caller.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name().toUpperCase(Locale.ROOT))).toList());
        this.caller = caller;
        this.sessionId = sessionId;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    public String sessionId() {
        return sessionId;
    }
}

package network.ohc.caresync.simulator.auth;

import network.ohc.caresync.simulator.http.Authentication;
import network.ohc.caresync.simulator.http.CareErrors;
import network.ohc.caresync.simulator.user.User;
import network.ohc.caresync.simulator.user.UserDirectory;
import org.springframework.stereotype.Component;

/**
 * CARE's JWT authentication: {@code Authorization: Bearer <access token>}. No (or another kind of)
 * header is "credentials not provided"; a bad, expired or revoked token is {@code token_not_valid};
 * both are 403.
 */
@Component
class Authenticator implements Authentication {

    private final TokenService tokens;
    private final UserDirectory users;

    Authenticator(TokenService tokens, UserDirectory users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public User authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw CareErrors.notAuthenticated();
        }
        String[] parts = authorizationHeader.trim().split("\\s+");
        if (!parts[0].equals("Bearer")) {
            throw CareErrors.notAuthenticated();
        }
        if (parts.length != 2) {
            throw CareErrors.invalidToken();
        }
        return tokens.verifyAccess(parts[1])
                .flatMap(users::byId)
                .orElseThrow(CareErrors::invalidToken);
    }
}

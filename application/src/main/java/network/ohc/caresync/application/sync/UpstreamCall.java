package network.ohc.caresync.application.sync;

import network.ohc.caresync.application.auth.CareTokenVault;

/**
 * Requests made as one user: when CARE refuses the token, the vault refreshes it once and the request is sent
 * again (safe, since a refused request changed nothing); a second refusal stands.
 */
final class UpstreamCall {

    private final Upstream upstream;
    private final CareTokenVault vault;
    private final String userId;
    private String token;

    UpstreamCall(Upstream upstream, CareTokenVault vault, String userId, String token) {
        this.upstream = upstream;
        this.vault = vault;
        this.userId = userId;
        this.token = token;
    }

    UpstreamResult send(UpstreamRequest request) {
        UpstreamResult result = upstream.send(request.withToken(token));
        if (result instanceof UpstreamResult.Answered answered && answered.isTokenNotValid()) {
            var refreshed = vault.refreshAfterRejection(userId, token);
            if (refreshed.isPresent()) {
                token = refreshed.get();
                result = upstream.send(request.withToken(token));
            }
        }
        return result;
    }
}

package network.ohc.caresync.application.auth;

import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.sync.Upstream;
import network.ohc.caresync.application.sync.UpstreamRequest;
import network.ohc.caresync.application.sync.UpstreamResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** CARE's authentication endpoints, spoken through the upstream adapter. */
public final class CareAuth {

    /** What CARE said to a sign-in or refresh. */
    public sealed interface Answer {
        record Tokens(CareTokens tokens) implements Answer {
        }

        /** CARE refused: wrong password, or a refresh token that is no longer valid. */
        record Refused(int status) implements Answer {
        }

        /** CARE could not be reached, or failed (5xx). */
        record Unreachable(String reason) implements Answer {
        }
    }

    private final Upstream upstream;

    public CareAuth(Upstream upstream) {
        this.upstream = upstream;
    }

    public Answer login(String username, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        return tokens(post("/api/v1/auth/login/", body));
    }

    public Answer refresh(String refreshToken) {
        return tokens(post("/api/v1/auth/token/refresh/", Map.of("refresh", refreshToken)));
    }

    /** The signed-in user ({@code id}, {@code username}, names), or null when CARE did not say. */
    public Map<String, Object> currentUser(String accessToken) {
        UpstreamResult result = upstream.send(new UpstreamRequest("GET", "/api/v1/users/getcurrentuser/", Map.of(),
                null, accessToken, null));
        return result instanceof UpstreamResult.Answered a && a.isSuccess() ? a.jsonObject() : null;
    }

    private UpstreamResult post(String path, Map<String, Object> body) {
        return upstream.send(new UpstreamRequest("POST", path, Map.of(), Json.bytes(body), null, null));
    }

    private static Answer tokens(UpstreamResult result) {
        if (result instanceof UpstreamResult.Answered answered) {
            if (answered.isSuccess()) {
                Map<String, Object> body = answered.jsonObject();
                if (body != null && body.get("access") instanceof String access
                        && body.get("refresh") instanceof String refresh) {
                    return new Answer.Tokens(CareTokens.of(access, refresh));
                }
                return new Answer.Unreachable("CARE answered without tokens");
            }
            if (answered.status() >= 400 && answered.status() < 500 && answered.status() != 429) {
                return new Answer.Refused(answered.status());
            }
            return new Answer.Unreachable("CARE answered " + answered.status());
        }
        return new Answer.Unreachable(result instanceof UpstreamResult.NotSent n ? n.reason()
                : ((UpstreamResult.Lost) result).reason());
    }
}

package network.ohc.caresync.application.transparent;

import network.ohc.caresync.application.json.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer care-sync gives in CARE's place, in CARE's shapes, so the web app reads it as it reads CARE's: a JSON
 * body, and headers saying where it came from ({@code X-Care-Sync-Source}: {@code cache}, {@code local}, ...).
 */
public record CareAnswer(int status, byte[] body, Map<String, String> headers) {

    public static final String SOURCE = "X-Care-Sync-Source";
    public static final String WRITE_ID = "X-Care-Sync-Write-Id";

    public CareAnswer {
        headers = Map.copyOf(headers);
    }

    public static CareAnswer json(int status, Object body) {
        return new CareAnswer(status, Json.bytes(body), Map.of(SOURCE, "care-sync"));
    }

    /** DRF's shape for most refusals: {@code {"detail": "..."}}. */
    public static CareAnswer detail(int status, String detail) {
        return json(status, Map.of("detail", detail));
    }

    /** CARE's answer to an invalid, expired or unknown token; the web app signs the user out and asks to sign in. */
    public static CareAnswer tokenNotValid() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", "Invalid Token, please relogin to continue");
        body.put("code", "token_not_valid");
        return json(403, body);
    }

    public static CareAnswer notAuthenticated() {
        return detail(403, "Authentication credentials were not provided.");
    }

    public static CareAnswer notAvailableOffline() {
        return detail(503, "Not available offline");
    }

    /** CARE's validation shape: {@code {"errors": [{"type", "loc", "msg"}]}}. */
    public static CareAnswer errors(int status, String type, List<String> locs, List<String> messages) {
        List<Map<String, Object>> errors = new java.util.ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", type);
            if (locs != null && locs.get(i) != null) {
                error.put("loc", locs.get(i).isEmpty() ? List.of() : List.of(locs.get(i)));
            }
            error.put("msg", messages.get(i));
            errors.add(error);
        }
        return json(status, Map.of("errors", errors));
    }

    public CareAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new CareAnswer(status, body, more);
    }
}

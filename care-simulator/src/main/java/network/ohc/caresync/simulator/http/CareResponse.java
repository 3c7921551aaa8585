package network.ohc.caresync.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A status, a JSON body and a few extra headers: what any CARE endpoint answers. */
public record CareResponse(int status, JsonNode body, Map<String, String> headers) {

    public CareResponse {
        headers = Map.copyOf(headers);
    }

    public static CareResponse of(int status, JsonNode body) {
        return new CareResponse(status, body, Map.of());
    }

    /** CARE answers 200 to a create too, never 201. */
    public static CareResponse ok(JsonNode body) {
        return of(200, body);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public CareResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new CareResponse(status, body, copy);
    }
}

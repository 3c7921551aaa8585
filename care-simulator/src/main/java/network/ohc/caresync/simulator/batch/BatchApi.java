package network.ohc.caresync.simulator.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import network.ohc.caresync.simulator.http.CareCall;
import network.ohc.caresync.simulator.http.CareErrors;
import network.ohc.caresync.simulator.http.CareResponse;
import network.ohc.caresync.simulator.http.Json;
import network.ohc.caresync.simulator.http.RouteProvider;
import network.ohc.caresync.simulator.http.Routes;
import network.ohc.caresync.simulator.validation.FieldReader;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/v1/batch_requests/}: the CARE web app sends questionnaires this way.
 *
 * <p>All or nothing, as in CARE: every sub-request runs in order through the same handlers and in
 * the same transaction (each in its own savepoint); if any answers above 299 the batch answers 400
 * with every result and the dispatcher undoes all of it. A sub-request answering 500 or more stops
 * the batch, which then answers 500.
 */
@Component
class BatchApi implements RouteProvider {

    static final int MAX_REQUESTS = 20;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    @Override
    public void registerRoutes(Routes routes) {
        routes.write("POST", "/api/v1/batch_requests/", this::run);
    }

    private CareResponse run(CareCall call) {
        List<SubRequest> requests = read(call.bodyObject());
        ArrayNode results = Json.array();
        boolean failed = false;
        for (SubRequest request : requests) {
            CareResponse response = call.subRequests().run(request.method(), request.url(), request.body());
            results.add(Json.object()
                    .put("reference_id", request.referenceId())
                    .<ObjectNode>set("data", response.body())
                    .put("status_code", response.status()));
            if (response.status() >= 500) {
                return CareResponse.of(500, Json.object().set("results", results));
            }
            failed |= response.status() > 299;
        }
        return CareResponse.of(failed ? 400 : 200, Json.object().set("results", results));
    }

    /** CARE's {@code BatchRequest} pydantic model: 1 to 20 requests of {url, method, body, reference_id}. */
    private static List<SubRequest> read(ObjectNode body) {
        FieldReader r = new FieldReader(body);
        ArrayNode given = r.list("requests");
        if (!r.has("requests")) {
            r.error("missing", "Field required", "requests");
        } else if (given == null && r.isValid()) {
            // an explicit null: r.list reports a non-list, and takes null for "not given"
            r.error("list_type", "Input should be a valid list", "requests");
        } else if (given != null && given.isEmpty()) {
            r.error("too_short", "List should have at least 1 item after validation, not 0", "requests");
        } else if (given != null && given.size() > MAX_REQUESTS) {
            r.error("too_long", "List should have at most " + MAX_REQUESTS + " items after validation, not "
                    + given.size(), "requests");
        }
        r.throwIfInvalid();
        List<SubRequest> requests = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            JsonNode item = given.get(i);
            if (!item.isObject()) {
                r.error("model_type", "Input should be a valid dictionary or instance of Request", "requests", i);
                continue;
            }
            FieldReader nested = r.nested((ObjectNode) item, "requests", i);
            String url = nested.string("url", null, true);
            String method = nested.string("method", null, true);
            String referenceId = nested.string("reference_id", null, true);
            ObjectNode subBody = nested.object("body");
            requests.add(new SubRequest(url, method, subBody == null ? Json.object() : subBody, referenceId));
        }
        r.throwIfInvalid();
        for (SubRequest request : requests) {
            if (!METHODS.contains(request.method().toUpperCase(Locale.ROOT))) {
                throw CareErrors.detail(400, "Malformed request: "
                        + request.method().toLowerCase(Locale.ROOT) + " is not a valid HTTP method");
            }
        }
        return requests;
    }

    private record SubRequest(String url, String method, JsonNode body, String referenceId) {
    }
}

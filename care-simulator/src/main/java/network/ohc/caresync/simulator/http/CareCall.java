package network.ohc.caresync.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import network.ohc.caresync.simulator.store.Transaction;
import network.ohc.caresync.simulator.user.User;

/**
 * One request as an endpoint sees it.
 *
 * @param user        the signed-in user; null on {@link Access#OPEN} routes
 * @param tx          the transaction on {@link Access#WRITE} routes; null otherwise
 * @param subRequests runs further requests in the same transaction (batch requests)
 */
public record CareCall(String method, String path, Map<String, String> pathVariables,
                       Map<String, List<String>> query, JsonNode body, User user, Transaction tx,
                       SubRequests subRequests) {

    /** CARE's LimitOffsetPagination: 14 by default, at most 200. */
    public static final int DEFAULT_LIMIT = 14;
    public static final int MAX_LIMIT = 200;

    public String pathVariable(String name) {
        return pathVariables.get(name);
    }

    /** A path id; a malformed one is a 404 like in CARE, not a 400. */
    public UUID pathId(String name, String model) {
        return Ids.parse(pathVariable(name)).orElseThrow(() -> CareErrors.notFound(model));
    }

    /** The first value of a query parameter, if present and not empty. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(values.get(0));
    }

    public int limit() {
        return queryParam("limit").flatMap(CareCall::positiveInt).map(l -> Math.min(l, MAX_LIMIT))
                .orElse(DEFAULT_LIMIT);
    }

    public int offset() {
        return queryParam("offset").flatMap(CareCall::nonNegativeInt).orElse(0);
    }

    /** The body as an object. No body counts as an empty object, as in Django REST framework. */
    public ObjectNode bodyObject() {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return Json.object();
        }
        if (body instanceof ObjectNode object) {
            return object;
        }
        ObjectNode error = Json.object();
        error.put("type", "model_type");
        error.set("loc", Json.array());
        error.put("msg", "Input should be a valid dictionary or object to extract fields from");
        throw CareErrors.errors(400, error);
    }

    /** DRF ignores an unusable limit/offset and falls back to the default. */
    private static Optional<Integer> positiveInt(String value) {
        return nonNegativeInt(value).filter(v -> v > 0);
    }

    private static Optional<Integer> nonNegativeInt(String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed >= 0 ? Optional.of(parsed) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

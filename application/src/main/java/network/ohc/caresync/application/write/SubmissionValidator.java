package network.ohc.caresync.application.write;

import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteKind;
import network.ohc.caresync.application.route.RouteTable;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks one handed-over record (the proposal's {@code offlineWrites} row) field by field and turns it into a
 * {@link Submission}. Every problem is reported, each naming its field, so a device can fix them all at once.
 */
public final class SubmissionValidator {

    /** Fields of the proposal's Dexie row that describe local sync state; a device may send them, they are ignored. */
    private static final Set<String> IGNORED = Set.of("syncStatus", "retries", "lastError", "lastAttemptAt",
            "conflictData", "response", "dependentFields", "timestamp", "nextAttemptAt", "retryable", "blockedBy",
            "blockReason", "realId", "history");
    private static final Set<String> KNOWN = Set.of("id", "userId", "deviceId", "syncrouteKey", "syncRouteKey",
            "type", "resourceType", "pathParams", "payload", "parentMutationIds", "clientTimestamp",
            "serverTimestamp", "queryrouteKey", "queryRouteKey", "queryParams", "basePayload");
    private static final int MAX_TEXT = 100;
    private static final int MAX_PARENTS = 100;

    private final RouteTable routes;
    private final PayloadSchemas schemas;
    private final int maxWriteBytes;

    public SubmissionValidator(RouteTable routes, PayloadSchemas schemas, int maxWriteBytes) {
        this.routes = routes;
        this.schemas = schemas;
        this.maxWriteBytes = maxWriteBytes;
    }

    public Submission validate(Caller caller, Object raw) {
        Map<String, Object> body = Json.asObject(raw);
        if (body == null) {
            throw HandOverRejected.invalid(List.of(new FieldError("", "a write must be a JSON object")));
        }
        if (Json.canonicalBytes(body).length > maxWriteBytes) {
            throw new HandOverRejected(HandOverRejected.Reason.TOO_LARGE,
                    "a write may hold at most " + maxWriteBytes + " bytes",
                    List.of(new FieldError("", "the write is larger than " + maxWriteBytes + " bytes")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (String field : body.keySet()) {
            if (!KNOWN.contains(field) && !IGNORED.contains(field)) {
                errors.add(new FieldError(field, "unknown field"));
            }
        }
        String id = text(body, "id", true, 64, errors);
        if (id != null && !WriteId.isValid(id)) {
            errors.add(new FieldError("id", "must be a UUID or offline-<UUID>"));
        }
        String userId = text(body, "userId", true, MAX_TEXT, errors);
        String deviceId = text(body, "deviceId", false, MAX_TEXT, errors);
        if (deviceId == null) {
            deviceId = caller.deviceId();
        }
        String type = text(body, "type", false, MAX_TEXT, errors);
        String resourceType = text(body, "resourceType", false, MAX_TEXT, errors);
        String routeKey = eitherSpelling(body, "syncrouteKey", "syncRouteKey", true, errors);
        Route route = null;
        if (routeKey != null) {
            route = routes.find(routeKey).orElse(null);
            if (route == null || !route.isMutation()) {
                errors.add(new FieldError("syncrouteKey", "unknown route '" + routeKey
                        + "'; the route table has " + mutationKeys()));
                route = null;
            }
        }
        String queryRouteKey = eitherSpelling(body, "queryrouteKey", "queryRouteKey", false, errors);
        if (queryRouteKey != null) {
            Route query = routes.find(queryRouteKey).orElse(null);
            if (query == null || query.kind() != RouteKind.QUERY) {
                errors.add(new FieldError("queryrouteKey", "unknown query route '" + queryRouteKey + "'"));
            }
        }
        Map<String, Object> pathParams = object(body, "pathParams", false, errors);
        Map<String, Object> queryParams = object(body, "queryParams", false, errors);
        Map<String, Object> payload = object(body, "payload", true, errors);
        Map<String, Object> basePayload = object(body, "basePayload", false, errors);
        scalarValues("pathParams", pathParams, errors);
        scalarValues("queryParams", queryParams, errors);
        List<String> parents = parents(body, id, errors);
        Long clientTimestamp = clientTimestamp(body, errors);
        String serverTimestamp = text(body, "serverTimestamp", false, 64, errors);
        if (serverTimestamp != null) {
            try {
                OffsetDateTime.parse(serverTimestamp);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("serverTimestamp", "must be an ISO-8601 date-time such as "
                        + "2025-10-01T09:14:03.123456Z (the record's modified_date)"));
            }
        }
        if (route != null) {
            for (String parameter : route.path().parameters()) {
                Object value = pathParams == null ? null : pathParams.get(parameter);
                if (value == null || value.toString().isBlank()) {
                    errors.add(new FieldError("pathParams." + parameter, "required by route '" + route.key() + "'"));
                }
            }
            if (payload != null && route.schema() != null) {
                errors.addAll(schemas.validate(route.schema(), payload));
            }
        }
        if (queryRouteKey != null && queryParams == null) {
            queryParams = pathParams;
        }
        if (!errors.isEmpty()) {
            throw HandOverRejected.invalid(errors);
        }
        if (!Objects.equals(userId, caller.userId())) {
            throw new HandOverRejected(HandOverRejected.Reason.FORBIDDEN, "a write can only be handed over by its user",
                    List.of(new FieldError("userId", "is not the signed-in user")));
        }
        return new Submission(id, userId, deviceId, route, type,
                resourceType != null ? resourceType : route.resourceType(), pathParams, queryParams, payload, parents,
                clientTimestamp, serverTimestamp, queryRouteKey, basePayload);
    }

    private String mutationKeys() {
        return routes.all().stream().filter(Route::isMutation).map(Route::key).sorted().toList().toString();
    }

    private static String eitherSpelling(Map<String, Object> body, String seed, String camel, boolean required,
                                         List<FieldError> errors) {
        String a = text(body, seed, false, MAX_TEXT, errors);
        String b = text(body, camel, false, MAX_TEXT, errors);
        if (a != null && b != null && !a.equals(b)) {
            errors.add(new FieldError(seed, "differs from " + camel + "; send one of them"));
        }
        String value = a != null ? a : b;
        // absent or null alike (a null route key once got through unreported and failed later with a 500)
        if (value == null && required && errors.stream().noneMatch(e -> e.field().equals(seed)
                || e.field().equals(camel))) {
            errors.add(new FieldError(seed, "required"));
        }
        return value;
    }

    private static String text(Map<String, Object> body, String field, boolean required, int max,
                               List<FieldError> errors) {
        Object value = body.get(field);
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "required"));
            }
            return null;
        }
        if (!(value instanceof String s)) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        if (s.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        if (s.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
            return null;
        }
        return s;
    }

    private static Map<String, Object> object(Map<String, Object> body, String field, boolean required,
                                              List<FieldError> errors) {
        Object value = body.get(field);
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "required"));
            }
            return null;
        }
        Map<String, Object> object = Json.asObject(value);
        if (object == null) {
            errors.add(new FieldError(field, "must be a JSON object"));
        }
        return object == null ? null : new LinkedHashMap<>(object);
    }

    private static void scalarValues(String field, Map<String, Object> values, List<FieldError> errors) {
        if (values == null) {
            return;
        }
        values.forEach((key, value) -> {
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                errors.add(new FieldError(field + "." + key, "must be a string or a number"));
            }
        });
    }

    private static List<String> parents(Map<String, Object> body, String id, List<FieldError> errors) {
        Object value = body.get("parentMutationIds");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            errors.add(new FieldError("parentMutationIds", "must be an array of write ids"));
            return List.of();
        }
        if (list.size() > MAX_PARENTS) {
            errors.add(new FieldError("parentMutationIds", "at most " + MAX_PARENTS + " parents"));
            return List.of();
        }
        Set<String> parents = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Object parent = list.get(i);
            if (!(parent instanceof String s) || !WriteId.isValid(s)) {
                errors.add(new FieldError("parentMutationIds[" + i + "]", "must be a write id"));
            } else if (s.equals(id)) {
                errors.add(new FieldError("parentMutationIds[" + i + "]", "a write cannot be its own parent"));
            } else {
                parents.add(s);
            }
        }
        return List.copyOf(parents);
    }

    private static Long clientTimestamp(Map<String, Object> body, List<FieldError> errors) {
        Object value = body.get("clientTimestamp");
        if (value == null) {
            errors.add(new FieldError("clientTimestamp", "required (milliseconds since the epoch, as Date.now())"));
            return null;
        }
        if (!(value instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() != Math.floor(n.doubleValue())
                || n.doubleValue() > 253_402_300_799_999d) {
            errors.add(new FieldError("clientTimestamp", "must be milliseconds since the epoch, as Date.now()"));
            return null;
        }
        return n.longValue();
    }
}

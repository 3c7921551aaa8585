package network.ohc.caresync.infrastructure.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import network.ohc.caresync.application.route.Lookup;
import network.ohc.caresync.application.route.Overlay;
import network.ohc.caresync.application.route.PathTemplate;
import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteKind;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.write.PayloadSchemas;
import network.ohc.caresync.domain.dependency.TemporaryIdPlaces;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the route table from YAML, refusing a table with mistakes and naming each one. */
public final class RouteTableLoader {

    private static final Set<String> FIELDS = Set.of("method", "path", "kind", "resourceType", "record", "schema",
            "persist", "maxAge", "stamp", "lookup", "alwaysManual", "overlay", "queryRoute", "temporaryIds");
    private static final Set<String> OVERLAY_FIELDS = Set.of("writes", "as", "match", "objects", "placeholders");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private RouteTableLoader() {
    }

    public static RouteTable load(InputStream yaml, String source, PayloadSchemas schemas) {
        Map<String, Object> document;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
            document = read;
        } catch (IOException e) {
            throw new IllegalStateException("route table " + source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (document == null || !(document.get("routes") instanceof Map<?, ?> entries)) {
            throw new IllegalStateException("route table " + source + " needs a top-level 'routes' map");
        }
        List<String> problems = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        for (var entry : entries.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof Map<?, ?> fields)) {
                problems.add(key + ": must be a map of settings");
                continue;
            }
            Route route = route(key, fields, problems, schemas);
            if (route != null) {
                routes.add(route);
            }
        }
        checkOverlays(routes, problems);
        checkQueryRoutes(routes, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("route table " + source + " has mistakes: " + String.join("; ", problems));
        }
        return new RouteTable(routes);
    }

    @SuppressWarnings("unchecked")
    private static Route route(String key, Map<?, ?> fields, List<String> problems, PayloadSchemas schemas) {
        int before = problems.size();
        for (Object field : fields.keySet()) {
            if (!FIELDS.contains(String.valueOf(field))) {
                problems.add(key + "." + field + ": unknown setting");
            }
        }
        String method = text(fields, "method");
        if (method == null || !METHODS.contains(method.toUpperCase())) {
            problems.add(key + ".method: one of " + METHODS);
        }
        String path = text(fields, "path");
        if (path == null || !path.startsWith("/")) {
            problems.add(key + ".path: an absolute path such as /api/v1/patient/{id}/");
        }
        RouteKind kind = null;
        try {
            kind = RouteKind.parse(String.valueOf(fields.get("kind")));
        } catch (IllegalArgumentException e) {
            problems.add(key + ".kind: one of create, update, action, batch, query");
        }
        Duration maxAge = null;
        if (fields.get("maxAge") != null) {
            try {
                maxAge = Duration.parse(String.valueOf(fields.get("maxAge")));
            } catch (DateTimeParseException e) {
                problems.add(key + ".maxAge: an ISO-8601 duration such as P2D");
            }
        }
        String schema = text(fields, "schema");
        if (schema != null && !schemas.exists(schema)) {
            problems.add(key + ".schema: no schema named '" + schema + "'");
        }
        Lookup lookup = null;
        if (fields.get("lookup") instanceof Map<?, ?> l) {
            lookup = new Lookup(text(l, "path"), stringMap(l.get("query")), strings(l.get("match")),
                    Boolean.TRUE.equals(l.get("createdByUser")));
            if (lookup.path() == null) {
                problems.add(key + ".lookup.path: required");
            }
        }
        List<Overlay> overlays = overlays(key, fields.get("overlay"), kind, problems);
        TemporaryIdPlaces temporaryIds = temporaryIds(key, fields.get("temporaryIds"), kind, path, problems);
        if (problems.size() > before) {
            return null;
        }
        return new Route(key, method.toUpperCase(), PathTemplate.of(path), kind, text(fields, "resourceType"),
                text(fields, "record"), schema, Boolean.TRUE.equals(fields.get("persist")), maxAge,
                stringMap(fields.get("stamp")), lookup, new HashSet<>(strings(fields.get("alwaysManual"))),
                overlays, text(fields, "queryRoute"), temporaryIds);
    }

    /** Where a mutation route's writes may hold temporary ids; null (anywhere) when the route does not say. */
    private static TemporaryIdPlaces temporaryIds(String key, Object value, RouteKind kind, String path,
                                                  List<String> problems) {
        if (value == null) {
            return null;
        }
        String at = key + ".temporaryIds";
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problems.add(at + ": a list of places such as [pathParams.id, payload.patient, \"payload.requests[].url\"]"
                    + "; leave it out to allow temporary ids anywhere");
            return null;
        }
        if (kind == RouteKind.QUERY) {
            problems.add(at + ": only a mutation route's writes hold temporary ids");
        }
        List<String> parameters = path == null ? List.of() : PathTemplate.of(path).parameters();
        List<String> places = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String place = String.valueOf(list.get(i));
            try {
                new TemporaryIdPlaces(List.of(place));
            } catch (IllegalArgumentException e) {
                problems.add(at + "[" + i + "]: " + e.getMessage());
                continue;
            }
            if (place.startsWith("pathParams.") && !parameters.contains(place.substring("pathParams.".length()))) {
                problems.add(at + "[" + i + "]: '" + place + "' names no parameter of the path " + path
                        + (parameters.isEmpty() ? ", which has none" : ", whose parameters are " + parameters));
                continue;
            }
            places.add(place);
        }
        return new TemporaryIdPlaces(places);
    }

    private static List<Overlay> overlays(String key, Object value, RouteKind kind, List<String> problems) {
        List<Overlay> overlays = new ArrayList<>();
        if (value == null) {
            return overlays;
        }
        if (!(value instanceof List<?> list)) {
            problems.add(key + ".overlay: a list of rules");
            return overlays;
        }
        if (kind != RouteKind.QUERY) {
            problems.add(key + ".overlay: only a query route shows pending writes");
        }
        for (int i = 0; i < list.size(); i++) {
            String at = key + ".overlay[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> rule)) {
                problems.add(at + ": a map with writes, as and match");
                continue;
            }
            for (Object field : rule.keySet()) {
                if (!OVERLAY_FIELDS.contains(String.valueOf(field))) {
                    problems.add(at + "." + field + ": unknown setting");
                }
            }
            List<String> writes = strings(rule.get("writes"));
            if (writes.isEmpty()) {
                problems.add(at + ".writes: a list of mutation route keys");
            }
            Overlay.Kind as = null;
            try {
                as = Overlay.Kind.valueOf(String.valueOf(rule.get("as")).trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(at + ".as: create or update");
            }
            Map<String, String> match = stringMap(rule.get("match"));
            if (match.isEmpty()) {
                problems.add(at + ".match: at least one field → write field");
            }
            match.forEach((field, writeField) -> {
                if (!writeField.equals(Overlay.WRITE_ID) && !writeField.matches(
                        "(pathParams|queryParams|payload)\\.[A-Za-z0-9_.]+")) {
                    problems.add(at + ".match." + field + ": writeId, pathParams.x, queryParams.x or payload.x");
                }
            });
            Map<String, String> objects = new LinkedHashMap<>();
            if (rule.get("objects") instanceof Map<?, ?> o) {
                o.forEach((k, v) -> objects.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
            } else if (rule.get("objects") != null) {
                problems.add(at + ".objects: a map of field → query route (or ~)");
            }
            Map<String, Object> placeholders = new LinkedHashMap<>();
            if (rule.get("placeholders") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> placeholders.put(String.valueOf(k), v));
            } else if (rule.get("placeholders") != null) {
                problems.add(at + ".placeholders: a map of field → value");
            }
            if (as != null && !writes.isEmpty() && !match.isEmpty()) {
                overlays.add(new Overlay(new HashSet<>(writes), as, match, objects, placeholders));
            }
        }
        return overlays;
    }

    /** Overlay rules name mutation routes for their writes and query routes for their objects. */
    private static void checkOverlays(List<Route> routes, List<String> problems) {
        Map<String, Route> byKey = new LinkedHashMap<>();
        routes.forEach(r -> byKey.put(r.key(), r));
        for (Route route : routes) {
            for (Overlay overlay : route.overlays()) {
                for (String write : overlay.writes()) {
                    Route target = byKey.get(write);
                    if (target == null || !target.isMutation()) {
                        problems.add(route.key() + ".overlay.writes: '" + write + "' is not a mutation route");
                    }
                }
                overlay.objects().forEach((field, query) -> {
                    if (query != null && (byKey.get(query) == null || byKey.get(query).isMutation())) {
                        problems.add(route.key() + ".overlay.objects." + field + ": '" + query
                                + "' is not a query route");
                    }
                });
            }
        }
    }

    /**
     * A mutation's query route reads the record by one path parameter: a create's record by its temporary id, an
     * update's by the path parameter of the same name.
     */
    private static void checkQueryRoutes(List<Route> routes, List<String> problems) {
        Map<String, Route> byKey = new LinkedHashMap<>();
        routes.forEach(r -> byKey.put(r.key(), r));
        for (Route route : routes) {
            if (route.queryRoute() == null) {
                continue;
            }
            Route query = byKey.get(route.queryRoute());
            String at = route.key() + ".queryRoute";
            if (!route.isMutation()) {
                problems.add(at + ": only a mutation route names the query route of its record");
            } else if (query == null || query.kind() != RouteKind.QUERY) {
                problems.add(at + ": '" + route.queryRoute() + "' is not a query route");
            } else if (query.path().parameters().size() != 1) {
                problems.add(at + ": '" + route.queryRoute() + "' must read one record by one path parameter");
            } else if (route.kind() != RouteKind.CREATE
                    && !route.path().parameters().contains(query.path().parameters().get(0))) {
                problems.add(at + ": '" + route.queryRoute() + "' reads by '" + query.path().parameters().get(0)
                        + "', which " + route.key() + "'s path does not have");
            }
        }
    }

    private static String text(Map<?, ?> fields, String name) {
        Object value = fields.get(name);
        return value == null ? null : value.toString();
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> map.put(String.valueOf(k), String.valueOf(v)));
        }
        return map;
    }

    private static List<String> strings(Object value) {
        List<String> list = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(v -> list.add(String.valueOf(v)));
        }
        return list;
    }
}

package network.ohc.caresync.application.route;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configured routes, by route key, in the order the table declares them. */
public final class RouteTable {

    private final Map<String, Route> routes;

    public RouteTable(Collection<Route> routes) {
        Map<String, Route> byKey = new LinkedHashMap<>();
        for (Route route : routes) {
            if (byKey.put(route.key(), route) != null) {
                throw new IllegalArgumentException("route '" + route.key() + "' is defined twice");
            }
        }
        this.routes = Collections.unmodifiableMap(byKey);
    }

    public Optional<Route> find(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(routes.get(key));
    }

    public Collection<Route> all() {
        return routes.values();
    }

    /**
     * The mutation route whose method and path template match a concrete request, for the transparent mode; when
     * several do (e.g. {@code update_encounter} and {@code mark_encounter_as_complete}), the first declared.
     */
    public Optional<Route> matchMutation(String method, String path) {
        return routes.values().stream()
                .filter(r -> r.isMutation() && r.method().equalsIgnoreCase(method) && r.path().match(path).isPresent())
                .findFirst();
    }

    /** The query route whose path template matches a concrete GET path, the first declared when several do. */
    public Optional<Route> matchQuery(String path) {
        return routes.values().stream()
                .filter(r -> r.kind() == RouteKind.QUERY && r.path().match(path).isPresent())
                .findFirst();
    }
}

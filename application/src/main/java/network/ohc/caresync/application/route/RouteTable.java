package network.ohc.caresync.application.route;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configured routes, by route key. */
public final class RouteTable {

    private final Map<String, Route> routes;

    public RouteTable(Collection<Route> routes) {
        Map<String, Route> byKey = new LinkedHashMap<>();
        for (Route route : routes) {
            if (byKey.put(route.key(), route) != null) {
                throw new IllegalArgumentException("route '" + route.key() + "' is defined twice");
            }
        }
        this.routes = Map.copyOf(byKey);
    }

    public Optional<Route> find(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(routes.get(key));
    }

    public Collection<Route> all() {
        return routes.values();
    }

    /** The mutation route whose method and path template match a concrete request, for the transparent mode. */
    public Optional<Route> matchMutation(String method, String path) {
        return routes.values().stream()
                .filter(r -> r.isMutation() && r.method().equalsIgnoreCase(method) && r.path().match(path).isPresent())
                .findFirst();
    }
}

package network.ohc.caresync.simulator.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every CARE route, looked up by method and path. */
@Component
public class RouteTable {

    /** The template reported in statistics for a path no route knows. */
    public static final String UNMATCHED = "unmatched";

    private final List<Route> routes;

    public RouteTable(List<RouteProvider> providers) {
        Routes registry = new Routes();
        providers.forEach(provider -> provider.registerRoutes(registry));
        this.routes = registry.all();
    }

    public Lookup lookup(String method, String path) {
        Lookup pathOnly = null;
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.match(path);
            if (variables.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Lookup(route, variables.get(), route.template(), false);
            }
            if (pathOnly == null) {
                pathOnly = new Lookup(route, variables.get(), route.template(), true);
            }
        }
        return pathOnly != null ? pathOnly : new Lookup(null, Map.of(), UNMATCHED, false);
    }

    /**
     * The outcome of a lookup. {@code route} is null when no template fits; when one fits but for
     * another method, {@code methodMismatch} is true and {@code route} is that other route.
     */
    public record Lookup(Route route, Map<String, String> variables, String template, boolean methodMismatch) {

        public boolean found() {
            return route != null && !methodMismatch;
        }
    }
}

package network.ohc.caresync.simulator.http;

import java.util.ArrayList;
import java.util.List;

/** What a {@link RouteProvider} registers its endpoints with. */
public final class Routes {

    private final List<Route> routes = new ArrayList<>();

    public void open(String method, String template, Endpoint endpoint) {
        routes.add(Route.of(method, template, Access.OPEN, endpoint));
    }

    public void read(String template, Endpoint endpoint) {
        routes.add(Route.of("GET", template, Access.READ, endpoint));
    }

    public void write(String method, String template, Endpoint endpoint) {
        routes.add(Route.of(method, template, Access.WRITE, endpoint));
    }

    List<Route> all() {
        return List.copyOf(routes);
    }
}

package network.ohc.caresync.application.audit;

import java.util.List;

/** No projection of that name can be rebuilt; these can. */
public class UnknownProjection extends RuntimeException {

    private final List<String> names;

    public UnknownProjection(String name, List<String> names) {
        super("no projection named '" + name + "'; projections that can be rebuilt: " + String.join(", ", names));
        this.names = List.copyOf(names);
    }

    public List<String> names() {
        return names;
    }
}

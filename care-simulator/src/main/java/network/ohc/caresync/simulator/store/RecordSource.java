package network.ohc.caresync.simulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Lists every record of its kinds, as the API shows them, for {@code GET /__sim/records}. */
public interface RecordSource {

    List<String> kinds();

    /** All records of {@code kind}, oldest first. Call under the store's read lock. */
    List<ObjectNode> render(String kind);
}

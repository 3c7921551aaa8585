package network.ohc.caresync.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Short names for building response bodies. */
public final class Json {

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** {@code {"count": n, "results": [...]}}: CARE's list shape, without next/previous. */
    public static ObjectNode listing(int count, ArrayNode results) {
        ObjectNode node = object();
        node.put("count", count);
        node.set("results", results);
        return node;
    }
}

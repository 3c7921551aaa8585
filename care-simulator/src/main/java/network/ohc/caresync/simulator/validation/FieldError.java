package network.ohc.caresync.simulator.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import network.ohc.caresync.simulator.http.Json;

/** One entry of CARE's {@code errors} list, as pydantic words it. */
public record FieldError(String type, List<Object> loc, String msg) {

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("type", type);
        ArrayNode path = node.putArray("loc");
        for (Object part : loc) {
            if (part instanceof Integer index) {
                path.add(index);
            } else {
                path.add(String.valueOf(part));
            }
        }
        node.put("msg", msg);
        return node;
    }
}

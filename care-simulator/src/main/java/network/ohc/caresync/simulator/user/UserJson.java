package network.ohc.caresync.simulator.user;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How CARE shows a user inside a record ({@code created_by}, {@code updated_by}). */
public final class UserJson {

    private UserJson() {
    }

    public static ObjectNode summary(User user) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", user.id().toString());
        node.put("username", user.username());
        node.put("first_name", user.firstName());
        node.put("last_name", user.lastName());
        return node;
    }
}

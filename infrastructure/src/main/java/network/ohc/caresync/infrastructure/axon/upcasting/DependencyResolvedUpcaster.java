package network.ohc.caresync.infrastructure.axon.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import network.ohc.caresync.domain.write.DependencyResolved;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code DependencyResolved} 1 → 2: it gained {@code serverTimestamp}, the version a write that edits its parent's
 * record expects after the parent synced. Revision 1 never changed the expected version: null.
 */
public class DependencyResolvedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(DependencyResolved.class.getTypeName(), "1");
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(DependencyResolved.class.getTypeName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, DependencyResolvedUpcaster::addServerTimestamp);
    }

    static JsonNode addServerTimestamp(JsonNode event) {
        if (event instanceof ObjectNode object && !object.has("serverTimestamp")) {
            object.putNull("serverTimestamp");
        }
        return event;
    }
}

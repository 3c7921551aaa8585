package network.ohc.caresync.infrastructure.axon.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import network.ohc.caresync.domain.write.SyncAttempted;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code SyncAttempted} 1 → 2: the request summary gained {@code idempotencyKey}. Every attempt of revision 1 that
 * was sent carried the write id as its {@code Idempotency-Key}; one that was never sent (no method) carried none.
 * The stored event is not changed: upcasting happens as it is read.
 */
public class SyncAttemptedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(SyncAttempted.class.getTypeName(), "1");
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(SyncAttempted.class.getTypeName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, SyncAttemptedUpcaster::addIdempotencyKey);
    }

    static JsonNode addIdempotencyKey(JsonNode event) {
        if (event instanceof ObjectNode object && object.get("request") instanceof ObjectNode request
                && !request.has("idempotencyKey")) {
            JsonNode method = request.get("method");
            JsonNode writeId = object.get("writeId");
            if (method != null && method.isTextual() && writeId != null && writeId.isTextual()) {
                request.put("idempotencyKey", writeId.asText());
            } else {
                request.putNull("idempotencyKey");
            }
        }
        return event;
    }
}

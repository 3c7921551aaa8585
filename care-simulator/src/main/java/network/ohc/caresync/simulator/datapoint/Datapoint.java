package network.ohc.caresync.simulator.datapoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A questionnaire answer stored under a patient (a symptom, a diagnosis, ...). Its clinical
 * content is kept as given in {@code fields}, which is never changed after being stored.
 */
public record Datapoint(UUID id, String kind, UUID patientId, UUID encounterId, ObjectNode fields,
                        Instant createdDate, Instant modifiedDate, UUID createdBy, UUID updatedBy) {
}

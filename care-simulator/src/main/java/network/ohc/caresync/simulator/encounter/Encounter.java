package network.ohc.caresync.simulator.encounter;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An encounter as stored. Immutable; {@code period} and {@code hospitalization} are JSON objects or null. */
public record Encounter(UUID id, UUID patientId, UUID facilityId, String status, String encounterClass,
                        String priority, JsonNode period, JsonNode hospitalization, String externalIdentifier,
                        String dischargeSummaryAdvice, List<StatusMove> statusHistory,
                        List<StatusMove> encounterClassHistory, Instant createdDate, Instant modifiedDate,
                        UUID createdBy, UUID updatedBy) {

    public Encounter {
        statusHistory = List.copyOf(statusHistory);
        encounterClassHistory = List.copyOf(encounterClassHistory);
    }

    public boolean isActive() {
        return !EncounterChoices.INACTIVE_STATUSES.contains(status);
    }
}

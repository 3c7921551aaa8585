package network.ohc.caresync.simulator.patient;

import java.time.Instant;
import java.util.UUID;

/** A user given access to a patient ({@code POST /api/v1/patient/{id}/add_user/}). */
public record PatientUser(UUID id, UUID patientId, UUID userId, UUID roleId, Instant createdDate, UUID createdBy) {
}

package network.ohc.caresync.simulator.patient;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A patient as stored. Immutable: an update stores a new value with a later {@code modifiedDate}.
 * {@code identifiers} and {@code tags} are JSON arrays that are never changed after being stored.
 */
public record Patient(UUID id, String name, String gender, String phoneNumber, String emergencyPhoneNumber,
                      String address, String permanentAddress, Long pincode, String bloodGroup,
                      LocalDate dateOfBirth, Integer yearOfBirth, Instant deceasedDatetime, UUID geoOrganization,
                      JsonNode identifiers, JsonNode tags, Instant createdDate, Instant modifiedDate,
                      UUID createdBy, UUID updatedBy) {
}

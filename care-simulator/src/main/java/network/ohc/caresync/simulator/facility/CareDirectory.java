package network.ohc.caresync.simulator.facility;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.ohc.caresync.simulator.http.Json;
import network.ohc.caresync.simulator.store.RecordClock;
import org.springframework.stereotype.Component;

/**
 * The one facility and one geo organization the simulator knows. Their ids are fixed so that
 * scripts and tests can use them without looking them up; they survive {@code /__sim/reset}.
 */
@Component
public class CareDirectory {

    public static final Facility FACILITY = new Facility(
            UUID.fromString("cb25b96a-4ab8-4a5f-bb45-68c8e6ebf9f3"), "Demo District Hospital", "District Hospital");
    public static final Organization GEO_ORGANIZATION = new Organization(
            UUID.fromString("c7152a21-4c1a-427a-91b2-6d517fe4cb42"), "Demo District", "govt");

    /** A fixed moment, so that these two records never seem to change. */
    private static final Instant SEEDED = Instant.parse("2025-01-01T00:00:00Z");

    public List<Facility> facilities() {
        return List.of(FACILITY);
    }

    public Optional<Facility> facility(UUID id) {
        return FACILITY.id().equals(id) ? Optional.of(FACILITY) : Optional.empty();
    }

    public List<Organization> organizations() {
        return List.of(GEO_ORGANIZATION);
    }

    public Optional<Organization> organization(UUID id) {
        return GEO_ORGANIZATION.id().equals(id) ? Optional.of(GEO_ORGANIZATION) : Optional.empty();
    }

    /** CARE's {@code FacilityBareMinimumSpec}, as embedded in an encounter. */
    public static ObjectNode bareFacility(Facility facility) {
        ObjectNode node = Json.object();
        node.put("id", facility.id().toString());
        node.put("name", facility.name());
        return node;
    }

    public static ObjectNode facilityJson(Facility facility) {
        ObjectNode node = bareFacility(facility);
        node.put("description", "Facility of the CARE simulator");
        node.put("facility_type", facility.facilityType());
        node.put("address", "Hospital Road");
        node.put("pincode", 682001);
        node.put("phone_number", "+914842000000");
        node.put("is_public", true);
        node.set("geo_organization", organizationJson(GEO_ORGANIZATION));
        node.put("created_date", RecordClock.format(SEEDED));
        node.put("modified_date", RecordClock.format(SEEDED));
        return node;
    }

    /** CARE's {@code OrganizationReadSpec}, as embedded in a patient. */
    public static ObjectNode organizationJson(Organization organization) {
        ObjectNode node = Json.object();
        node.put("id", organization.id().toString());
        node.put("name", organization.name());
        node.put("org_type", organization.orgType());
        node.put("description", "Geo organization of the CARE simulator");
        node.put("active", true);
        node.put("system_generated", false);
        node.put("level_cache", 0);
        node.putNull("parent");
        node.put("has_children", false);
        node.set("metadata", Json.object().put("govt_org_type", "district"));
        node.put("created_date", RecordClock.format(SEEDED));
        node.put("modified_date", RecordClock.format(SEEDED));
        return node;
    }
}

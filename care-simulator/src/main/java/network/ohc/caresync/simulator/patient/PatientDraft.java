package network.ohc.caresync.simulator.patient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import network.ohc.caresync.simulator.facility.CareDirectory;
import network.ohc.caresync.simulator.http.CareErrors;
import network.ohc.caresync.simulator.http.Json;
import network.ohc.caresync.simulator.validation.FieldReader;

/**
 * The writable fields of a patient while a create or update is validated. CARE's
 * {@code PatientCreateSpec} rules: a create needs name, gender, phone_number, geo_organization and
 * date_of_birth or age; an update (CARE's PUT is partial) checks only the fields it carries.
 */
final class PatientDraft {

    static final List<String> GENDERS = List.of("male", "female", "non_binary", "transgender");
    static final List<String> BLOOD_GROUPS = List.of("A_negative", "A_positive", "B_negative", "B_positive",
            "AB_negative", "AB_positive", "O_negative", "O_positive", "unknown");

    private String name;
    private String gender;
    private String phoneNumber;
    private String emergencyPhoneNumber;
    private String address;
    private String permanentAddress;
    private Long pincode;
    private String bloodGroup;
    private LocalDate dateOfBirth;
    private Integer yearOfBirth;
    private Instant deceasedDatetime;
    private UUID geoOrganization;
    private JsonNode identifiers = Json.array();
    private JsonNode tags = Json.array();

    static PatientDraft empty() {
        return new PatientDraft();
    }

    static PatientDraft of(Patient patient) {
        PatientDraft draft = new PatientDraft();
        draft.name = patient.name();
        draft.gender = patient.gender();
        draft.phoneNumber = patient.phoneNumber();
        draft.emergencyPhoneNumber = patient.emergencyPhoneNumber();
        draft.address = patient.address();
        draft.permanentAddress = patient.permanentAddress();
        draft.pincode = patient.pincode();
        draft.bloodGroup = patient.bloodGroup();
        draft.dateOfBirth = patient.dateOfBirth();
        draft.yearOfBirth = patient.yearOfBirth();
        draft.deceasedDatetime = patient.deceasedDatetime();
        draft.geoOrganization = patient.geoOrganization();
        draft.identifiers = patient.identifiers();
        draft.tags = patient.tags();
        return draft;
    }

    /**
     * Applies the fields of {@code body}; throws CARE's 400 listing every bad field.
     *
     * @param create whether missing required fields are errors
     */
    PatientDraft apply(ObjectNode body, boolean create, CareDirectory directory) {
        FieldReader r = new FieldReader(body);
        if (create || r.has("name")) {
            name = r.string("name", 200, true);
        }
        if (create || r.has("gender")) {
            gender = r.choice("gender", GENDERS, true);
        }
        if (create || r.has("phone_number")) {
            phoneNumber = r.phone("phone_number", true);
        }
        if (r.has("emergency_phone_number")) {
            emergencyPhoneNumber = r.phone("emergency_phone_number", false);
        }
        if (r.has("address")) {
            address = r.string("address", null, false);
        }
        if (r.has("permanent_address")) {
            permanentAddress = r.string("permanent_address", null, false);
        }
        if (r.has("pincode")) {
            pincode = r.longInteger("pincode", false);
        }
        if (r.has("blood_group")) {
            bloodGroup = r.choice("blood_group", BLOOD_GROUPS, false);
        }
        if (r.has("deceased_datetime")) {
            deceasedDatetime = r.datetime("deceased_datetime");
        }
        if (create || r.has("geo_organization")) {
            UUID organization = r.uuid4("geo_organization", true);
            if (organization != null && directory.organization(organization).isEmpty()) {
                r.error("value_error", "Value error, Geo Organization does not exist", "geo_organization");
            } else if (organization != null) {
                geoOrganization = organization;
            }
        }
        if (r.has("identifiers")) {
            identifiers = identifiers(r);
        }
        if (r.has("tags")) {
            tags = tags(r);
        }
        LocalDate newDateOfBirth = r.has("date_of_birth") ? r.date("date_of_birth") : null;
        Integer age = r.has("age") ? r.integer("age", false) : null;
        boolean hasAge = age != null && age != 0;
        if (create && r.isValid() && !hasAge && newDateOfBirth == null) {
            // A pydantic model validator: it only runs once every field is valid.
            r.valueError("Either age or date of birth is required");
        }
        r.throwIfInvalid();
        if (hasAge) {
            // Like CARE: an age replaces any date of birth by a year of birth.
            dateOfBirth = null;
            yearOfBirth = Year.now(ZoneOffset.UTC).getValue() - age;
        } else if (newDateOfBirth != null) {
            dateOfBirth = newDateOfBirth;
            yearOfBirth = newDateOfBirth.getYear();
        }
        if (dateOfBirth != null && deceasedDatetime != null
                && dateOfBirth.isAfter(deceasedDatetime.atZone(ZoneOffset.UTC).toLocalDate())) {
            throw CareErrors.validation("Date of birth cannot be after the date of death");
        }
        return this;
    }

    private static ArrayNode identifiers(FieldReader r) {
        ArrayNode given = r.list("identifiers");
        ArrayNode result = Json.array();
        if (given == null) {
            return result;
        }
        for (int i = 0; i < given.size(); i++) {
            JsonNode item = given.get(i);
            if (!item.isObject()) {
                r.error("model_type", "Input should be a valid dictionary or instance of PatientIdentifierConfigRequest",
                        "identifiers", i);
                continue;
            }
            FieldReader nested = r.nested((ObjectNode) item, "identifiers", i);
            UUID config = nested.uuid4("config", true);
            String value = nested.string("value", null, true);
            if (config != null && value != null) {
                result.add(Json.object().put("config", config.toString()).put("value", value));
            }
        }
        return result;
    }

    private static ArrayNode tags(FieldReader r) {
        ArrayNode given = r.list("tags");
        ArrayNode result = Json.array();
        if (given == null) {
            return result;
        }
        for (int i = 0; i < given.size(); i++) {
            UUID tag = r.uuid4Value(given.get(i), "tags", i);
            if (tag != null) {
                result.add(tag.toString());
            }
        }
        return result;
    }

    Patient toPatient(UUID id, Instant createdDate, Instant modifiedDate, UUID createdBy, UUID updatedBy) {
        return new Patient(id, name, gender, phoneNumber, emergencyPhoneNumber, address, permanentAddress, pincode,
                bloodGroup, dateOfBirth, yearOfBirth, deceasedDatetime, geoOrganization, identifiers, tags,
                createdDate, modifiedDate, createdBy, updatedBy);
    }
}

package network.ohc.caresync.simulator.patient;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import network.ohc.caresync.simulator.facility.CareDirectory;
import network.ohc.caresync.simulator.http.Json;
import network.ohc.caresync.simulator.store.RecordClock;
import network.ohc.caresync.simulator.store.RecordSource;
import network.ohc.caresync.simulator.store.Store;
import network.ohc.caresync.simulator.store.Table;
import network.ohc.caresync.simulator.user.UserDirectory;
import network.ohc.caresync.simulator.user.UserJson;
import org.springframework.stereotype.Component;

/** The patient records, indexed by phone number, and how the API shows them. */
@Component
public class Patients implements RecordSource {

    public static final String KIND = "patient";
    public static final String USER_KIND = "patient_user";
    static final String BY_PHONE = "phone_number";
    static final String BY_PATIENT = "patient";

    private final Table<Patient> patients;
    private final Table<PatientUser> patientUsers;
    private final UserDirectory users;
    private final CareDirectory directory;

    public Patients(Store store, UserDirectory users, CareDirectory directory) {
        this.patients = store.newTable(Patient::id, p -> KIND, Map.of(BY_PHONE, Patient::phoneNumber));
        this.patientUsers = store.newTable(PatientUser::id, pu -> USER_KIND,
                Map.of(BY_PATIENT, pu -> pu.patientId().toString()));
        this.users = users;
        this.directory = directory;
    }

    public Optional<Patient> get(UUID id) {
        return patients.get(id);
    }

    Table<Patient> table() {
        return patients;
    }

    Table<PatientUser> patientUsers() {
        return patientUsers;
    }

    /** CARE's {@code PatientRetrieveSpec}: the geo organization as an object, the users as objects. */
    public ObjectNode render(Patient patient) {
        ObjectNode node = Json.object();
        node.put("id", patient.id().toString());
        node.put("name", patient.name());
        node.put("gender", patient.gender());
        node.put("phone_number", patient.phoneNumber());
        node.put("emergency_phone_number", patient.emergencyPhoneNumber());
        node.put("address", patient.address());
        node.put("permanent_address", patient.permanentAddress());
        if (patient.pincode() == null) {
            node.putNull("pincode");
        } else {
            node.put("pincode", patient.pincode());
        }
        node.put("blood_group", patient.bloodGroup());
        node.put("date_of_birth", patient.dateOfBirth() == null ? null : patient.dateOfBirth().toString());
        if (patient.yearOfBirth() == null) {
            node.putNull("year_of_birth");
        } else {
            node.put("year_of_birth", patient.yearOfBirth());
        }
        node.put("deceased_datetime", RecordClock.format(patient.deceasedDatetime()));
        node.set("geo_organization", CareDirectory.organizationJson(
                directory.organization(patient.geoOrganization()).orElse(CareDirectory.GEO_ORGANIZATION)));
        node.set("identifiers", patient.identifiers().deepCopy());
        node.set("tags", patient.tags().deepCopy());
        node.put("created_date", RecordClock.format(patient.createdDate()));
        node.put("modified_date", RecordClock.format(patient.modifiedDate()));
        node.set("created_by", userJson(patient.createdBy()));
        node.set("updated_by", userJson(patient.updatedBy()));
        return node;
    }

    ObjectNode userJson(UUID userId) {
        return users.byId(userId).map(UserJson::summary).orElse(null);
    }

    @Override
    public List<String> kinds() {
        return List.of(KIND, USER_KIND);
    }

    @Override
    public List<ObjectNode> render(String kind) {
        if (KIND.equals(kind)) {
            return patients.all().stream().map(this::render).toList();
        }
        return patientUsers.all().stream().map(this::renderLink).toList();
    }

    ObjectNode renderLink(PatientUser link) {
        ObjectNode node = Json.object();
        node.put("id", link.id().toString());
        node.put("patient", link.patientId().toString());
        node.set("user", userJson(link.userId()));
        node.put("role", link.roleId().toString());
        node.put("created_date", RecordClock.format(link.createdDate()));
        return node;
    }
}

package network.ohc.caresync.simulator.encounter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import network.ohc.caresync.simulator.facility.CareDirectory;
import network.ohc.caresync.simulator.http.Json;
import network.ohc.caresync.simulator.patient.Patients;
import network.ohc.caresync.simulator.store.RecordClock;
import network.ohc.caresync.simulator.store.RecordSource;
import network.ohc.caresync.simulator.store.Store;
import network.ohc.caresync.simulator.store.Table;
import network.ohc.caresync.simulator.user.UserDirectory;
import network.ohc.caresync.simulator.user.UserJson;
import org.springframework.stereotype.Component;

/** The encounter records, indexed by patient and by facility, and how the API shows them. */
@Component
public class Encounters implements RecordSource {

    public static final String KIND = "encounter";
    static final String BY_PATIENT = "patient";
    static final String BY_FACILITY = "facility";

    private final Table<Encounter> table;
    private final Patients patients;
    private final CareDirectory directory;
    private final UserDirectory users;

    public Encounters(Store store, Patients patients, CareDirectory directory, UserDirectory users) {
        this.table = store.newTable(Encounter::id, e -> KIND, Map.of(
                BY_PATIENT, e -> e.patientId().toString(),
                BY_FACILITY, e -> e.facilityId().toString()));
        this.patients = patients;
        this.directory = directory;
        this.users = users;
    }

    public Optional<Encounter> get(UUID id) {
        return table.get(id);
    }

    Table<Encounter> table() {
        return table;
    }

    long activeCount(UUID patientId, UUID facilityId) {
        return table.findByIndex(BY_PATIENT, patientId.toString()).stream()
                .filter(e -> e.facilityId().equals(facilityId) && e.isActive())
                .count();
    }

    /** CARE's {@code EncounterRetrieveSpec}: the patient as an object (as it is now), the facility as {id, name}. */
    public ObjectNode render(Encounter encounter) {
        ObjectNode node = Json.object();
        node.put("id", encounter.id().toString());
        node.put("status", encounter.status());
        node.put("encounter_class", encounter.encounterClass());
        node.put("priority", encounter.priority());
        node.set("period", encounter.period() == null ? Json.object() : encounter.period().deepCopy());
        node.set("hospitalization", encounter.hospitalization() == null ? null
                : encounter.hospitalization().deepCopy());
        node.put("external_identifier", encounter.externalIdentifier());
        node.put("discharge_summary_advice", encounter.dischargeSummaryAdvice());
        node.set("patient", patients.get(encounter.patientId()).map(patients::render).orElse(null));
        node.set("facility", directory.facility(encounter.facilityId()).map(CareDirectory::bareFacility)
                .orElse(null));
        node.set("status_history", history(encounter.statusHistory()));
        node.set("encounter_class_history", history(encounter.encounterClassHistory()));
        node.set("tags", Json.array());
        node.set("organizations", Json.array());
        node.set("care_team", Json.array());
        node.putNull("current_location");
        node.set("location_history", Json.array());
        node.put("created_date", RecordClock.format(encounter.createdDate()));
        node.put("modified_date", RecordClock.format(encounter.modifiedDate()));
        node.set("created_by", users.byId(encounter.createdBy()).map(UserJson::summary).orElse(null));
        node.set("updated_by", users.byId(encounter.updatedBy()).map(UserJson::summary).orElse(null));
        return node;
    }

    private static ArrayNode history(List<StatusMove> moves) {
        ArrayNode list = Json.array();
        moves.forEach(move -> list.add(Json.object()
                .put("status", move.status())
                .put("moved_at", RecordClock.format(move.movedAt()))));
        return list;
    }

    @Override
    public List<String> kinds() {
        return List.of(KIND);
    }

    @Override
    public List<ObjectNode> render(String kind) {
        return table.all().stream().map(this::render).toList();
    }
}

package network.ohc.caresync.simulator.datapoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.ohc.caresync.simulator.encounter.Encounter;
import network.ohc.caresync.simulator.encounter.Encounters;
import network.ohc.caresync.simulator.http.CareCall;
import network.ohc.caresync.simulator.http.CareErrors;
import network.ohc.caresync.simulator.http.CareException;
import network.ohc.caresync.simulator.http.CareResponse;
import network.ohc.caresync.simulator.http.Ids;
import network.ohc.caresync.simulator.http.Json;
import network.ohc.caresync.simulator.http.RouteProvider;
import network.ohc.caresync.simulator.http.Routes;
import network.ohc.caresync.simulator.patient.Patient;
import network.ohc.caresync.simulator.patient.Patients;
import network.ohc.caresync.simulator.store.Page;
import network.ohc.caresync.simulator.store.RecordClock;
import network.ohc.caresync.simulator.user.UserDirectory;
import network.ohc.caresync.simulator.validation.FieldReader;
import org.springframework.stereotype.Component;

/**
 * {@code /api/v1/patient/{patientId}/{kind}/...} for the questionnaire kinds (symptom, diagnosis,
 * allergy_intolerance, ...): the targets of the CARE web app's batch requests.
 *
 * <p>{@code upsert/} works like CARE's EMRUpsertMixin: each datapoint without an {@code id} is
 * created, each with one updates that record; if any fails, the answer is 400 with one result per
 * datapoint and none of them is kept.
 */
@Component
class DatapointApi implements RouteProvider {

    static final int MAX_DATAPOINTS_PER_UPSERT = 100;

    private final Datapoints datapoints;
    private final Patients patients;
    private final Encounters encounters;
    private final UserDirectory users;
    private final RecordClock clock;

    DatapointApi(Datapoints datapoints, Patients patients, Encounters encounters, UserDirectory users,
                 RecordClock clock) {
        this.datapoints = datapoints;
        this.patients = patients;
        this.encounters = encounters;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public void registerRoutes(Routes routes) {
        for (DatapointKind kind : DatapointKind.ALL) {
            String base = "/api/v1/patient/{patientId}/" + kind.name() + "/";
            routes.write("POST", base + "upsert/", call -> upsert(call, kind));
            routes.write("POST", base, call -> CareResponse.ok(create(call, kind, patient(call), call.bodyObject())));
            routes.read(base, call -> list(call, kind));
            routes.read(base + "{id}/", call -> CareResponse.ok(datapoints.render(find(call, kind, patient(call),
                    call.pathVariable("id")))));
            routes.write("PUT", base + "{id}/", call -> CareResponse.ok(update(call, kind, patient(call),
                    find(call, kind, patient(call), call.pathVariable("id")), call.bodyObject())));
        }
    }

    private CareResponse upsert(CareCall call, DatapointKind kind) {
        Patient patient = patient(call);
        JsonNode body = call.body();
        if (body != null && !body.isNull() && !body.isObject()) {
            throw CareErrors.validation("Invalid request data");
        }
        JsonNode given = body == null ? null : body.get("datapoints");
        if (given == null || !given.isArray() || given.isEmpty()) {
            throw CareErrors.validation("No datapoints provided");
        }
        if (given.size() > MAX_DATAPOINTS_PER_UPSERT) {
            throw CareErrors.validation("Too many datapoints provided");
        }
        requireWrite(call);
        ArrayNode results = Json.array();
        boolean failed = false;
        for (JsonNode item : given) {
            try {
                if (!item.isObject()) {
                    throw CareErrors.validation("Invalid request data");
                }
                ObjectNode datapoint = (ObjectNode) item;
                results.add(datapoint.has("id")
                        ? update(call, kind, patient, find(call, kind, patient, datapoint.get("id").asText()),
                        datapoint)
                        : create(call, kind, patient, datapoint));
            } catch (CareException e) {
                failed = true;
                results.add(e.response().body());
            }
        }
        // A 400 makes the dispatcher undo every datapoint of this request.
        return CareResponse.of(failed ? 400 : 200, results);
    }

    private ObjectNode create(CareCall call, DatapointKind kind, Patient patient, ObjectNode body) {
        FieldReader r = new FieldReader(body);
        UUID encounterId = r.uuid4("encounter", true);
        r.throwIfInvalid();
        Optional<Encounter> encounter = encounters.get(encounterId)
                .filter(e -> e.patientId().equals(patient.id()));
        if (encounter.isEmpty()) {
            throw CareErrors.validation("Encounter does not exist");
        }
        requireWrite(call);
        Instant now = clock.next();
        Datapoint datapoint = new Datapoint(UUID.randomUUID(), kind.name(), patient.id(), encounterId,
                clinicalFields(body), now, now, call.user().id(), call.user().id());
        datapoints.table().insert(call.tx(), datapoint);
        return datapoints.render(datapoint);
    }

    /** Partial: the given fields replace the stored ones; patient and encounter cannot change. */
    private ObjectNode update(CareCall call, DatapointKind kind, Patient patient, Datapoint existing,
                              ObjectNode body) {
        requireWrite(call);
        ObjectNode fields = existing.fields().deepCopy();
        fields.setAll(clinicalFields(body));
        Datapoint updated = new Datapoint(existing.id(), kind.name(), patient.id(), existing.encounterId(), fields,
                existing.createdDate(), clock.next(), existing.createdBy(), call.user().id());
        datapoints.table().replace(call.tx(), updated);
        return datapoints.render(updated);
    }

    private static ObjectNode clinicalFields(ObjectNode body) {
        ObjectNode fields = body.deepCopy();
        fields.remove(List.of("id", "external_id", "patient", "encounter", "created_date", "modified_date",
                "created_by", "updated_by"));
        return fields;
    }

    private CareResponse list(CareCall call, DatapointKind kind) {
        Patient patient = patient(call);
        Optional<UUID> encounter = call.queryParam("encounter").flatMap(Ids::parse);
        boolean filterByEncounter = call.queryParam("encounter").isPresent();
        List<Datapoint> matches = datapoints.of(kind.name(), patient.id()).stream()
                .filter(d -> !filterByEncounter || encounter.map(d.encounterId()::equals).orElse(false))
                .toList();
        Page<Datapoint> page = new Page<>(matches.size(),
                matches.stream().skip(call.offset()).limit(call.limit()).toList());
        ArrayNode results = Json.array();
        page.items().forEach(d -> results.add(datapoints.render(d)));
        return CareResponse.ok(Json.listing(page.count(), results));
    }

    private Patient patient(CareCall call) {
        return patients.get(call.pathId("patientId", "Patient")).orElseThrow(() -> CareErrors.notFound("Patient"));
    }

    private Datapoint find(CareCall call, DatapointKind kind, Patient patient, String id) {
        return Ids.parse(id)
                .flatMap(datapoints.table()::get)
                .filter(d -> d.kind().equals(kind.name()) && d.patientId().equals(patient.id()))
                .orElseThrow(() -> CareErrors.notFound(kind.model()));
    }

    private void requireWrite(CareCall call) {
        if (!users.canWrite(call.user())) {
            throw CareErrors.permissionDenied("You do not have permission to update encounter");
        }
    }
}

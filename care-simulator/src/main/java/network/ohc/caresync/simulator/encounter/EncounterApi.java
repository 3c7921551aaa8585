package network.ohc.caresync.simulator.encounter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import network.ohc.caresync.simulator.facility.CareDirectory;
import network.ohc.caresync.simulator.http.CareCall;
import network.ohc.caresync.simulator.http.CareErrors;
import network.ohc.caresync.simulator.http.CareResponse;
import network.ohc.caresync.simulator.http.Ids;
import network.ohc.caresync.simulator.http.Json;
import network.ohc.caresync.simulator.http.RouteProvider;
import network.ohc.caresync.simulator.http.Routes;
import network.ohc.caresync.simulator.patient.Patients;
import network.ohc.caresync.simulator.store.Page;
import network.ohc.caresync.simulator.store.RecordClock;
import network.ohc.caresync.simulator.user.UserDirectory;
import network.ohc.caresync.simulator.validation.FieldReader;
import org.springframework.stereotype.Component;

/**
 * {@code /api/v1/encounter/}: create (with CARE's limit of 5 active encounters per patient per
 * facility), retrieve, update (status changes are appended to {@code status_history}), and list,
 * which needs {@code patient} or {@code facility}.
 */
@Component
class EncounterApi implements RouteProvider {

    private static final String MODEL = "Encounter";

    private final Encounters encounters;
    private final Patients patients;
    private final CareDirectory directory;
    private final UserDirectory users;
    private final RecordClock clock;

    EncounterApi(Encounters encounters, Patients patients, CareDirectory directory, UserDirectory users,
                 RecordClock clock) {
        this.encounters = encounters;
        this.patients = patients;
        this.directory = directory;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public void registerRoutes(Routes routes) {
        routes.write("POST", "/api/v1/encounter/", this::create);
        routes.read("/api/v1/encounter/", this::list);
        routes.read("/api/v1/encounter/{id}/", this::retrieve);
        routes.write("PUT", "/api/v1/encounter/{id}/", this::update);
        routes.write("PATCH", "/api/v1/encounter/{id}/", this::update);
    }

    private CareResponse create(CareCall call) {
        FieldReader r = new FieldReader(call.bodyObject());
        EncounterFields fields = EncounterFields.read(r, EncounterFields.none());
        UUID patientId = r.uuid4("patient", true);
        UUID facilityId = r.uuid4("facility", true);
        r.throwIfInvalid();
        // CARE's validate_data, in CARE's order.
        if (encounters.activeCount(patientId, facilityId) >= EncounterChoices.MAX_ACTIVE_PER_PATIENT_IN_FACILITY) {
            throw CareErrors.validation("Patient already has maximum number of active encounters ("
                    + EncounterChoices.MAX_ACTIVE_PER_PATIENT_IN_FACILITY + ") in the facility");
        }
        if (patients.get(patientId).isEmpty()) {
            throw CareErrors.validation("Patient does not exist");
        }
        if (directory.facility(facilityId).isEmpty()) {
            throw CareErrors.validation("Facility does not exist");
        }
        if (!users.canWrite(call.user())) {
            throw CareErrors.permissionDenied("You do not have permission to create encounter");
        }
        Instant now = clock.next();
        Encounter encounter = new Encounter(UUID.randomUUID(), patientId, facilityId, fields.status(),
                fields.encounterClass(), fields.priority(), fields.period(), fields.hospitalization(),
                fields.externalIdentifier(), fields.dischargeSummaryAdvice(),
                List.of(new StatusMove(fields.status(), now)), List.of(new StatusMove(fields.encounterClass(), now)),
                now, now, call.user().id(), call.user().id());
        encounters.table().insert(call.tx(), encounter);
        return CareResponse.ok(encounters.render(encounter));
    }

    private CareResponse retrieve(CareCall call) {
        return CareResponse.ok(encounters.render(find(call)));
    }

    /** {@code patient} and {@code facility} cannot change: CARE drops them from an update body. */
    private CareResponse update(CareCall call) {
        Encounter existing = find(call);
        ObjectNode body = call.bodyObject().deepCopy();
        body.remove(List.of("id", "external_id", "patient", "encounter", "facility"));
        FieldReader r = new FieldReader(body);
        EncounterFields fields = EncounterFields.read(r, EncounterFields.of(existing));
        r.throwIfInvalid();
        if (!users.canWrite(call.user())) {
            throw CareErrors.permissionDenied("You do not have permission to update encounter");
        }
        Instant now = clock.next();
        List<StatusMove> statusHistory = new ArrayList<>(existing.statusHistory());
        if (!fields.status().equals(existing.status())) {
            statusHistory.add(new StatusMove(fields.status(), now));
        }
        List<StatusMove> classHistory = new ArrayList<>(existing.encounterClassHistory());
        if (!fields.encounterClass().equals(existing.encounterClass())) {
            classHistory.add(new StatusMove(fields.encounterClass(), now));
        }
        Encounter updated = new Encounter(existing.id(), existing.patientId(), existing.facilityId(), fields.status(),
                fields.encounterClass(), fields.priority(), fields.period(), fields.hospitalization(),
                fields.externalIdentifier(), fields.dischargeSummaryAdvice(), statusHistory, classHistory,
                existing.createdDate(), now, existing.createdBy(), call.user().id());
        encounters.table().replace(call.tx(), updated);
        return CareResponse.ok(encounters.render(updated));
    }

    private CareResponse list(CareCall call) {
        Optional<String> patientParam = call.queryParam("patient");
        Optional<String> facilityParam = call.queryParam("facility");
        Predicate<Encounter> filter = filters(call);
        Page<Encounter> page;
        if (patientParam.isPresent()) {
            UUID patientId = Ids.parse(patientParam.get()).filter(id -> patients.get(id).isPresent())
                    .orElseThrow(() -> CareErrors.notFound("Patient"));
            page = encounters.table().listByIndex(Encounters.BY_PATIENT, patientId.toString(), filter,
                    call.offset(), call.limit());
        } else if (facilityParam.isPresent()) {
            UUID facilityId = Ids.parse(facilityParam.get()).filter(id -> directory.facility(id).isPresent())
                    .orElseThrow(() -> CareErrors.notFound("Facility"));
            page = encounters.table().listByIndex(Encounters.BY_FACILITY, facilityId.toString(), filter,
                    call.offset(), call.limit());
        } else {
            throw CareErrors.permissionDenied("Cannot access encounters");
        }
        ArrayNode results = Json.array();
        page.items().forEach(e -> results.add(encounters.render(e)));
        return CareResponse.ok(Json.listing(page.count(), results));
    }

    /** CARE's EncounterFilters that matter here. */
    private static Predicate<Encounter> filters(CareCall call) {
        Predicate<Encounter> filter = e -> true;
        Optional<UUID> facility = call.queryParam("facility").flatMap(Ids::parse);
        if (call.queryParam("facility").isPresent()) {
            filter = filter.and(e -> facility.isPresent() && e.facilityId().equals(facility.get()));
        }
        filter = filter.and(iexact(call, "status", Encounter::status));
        filter = filter.and(iexact(call, "encounter_class", Encounter::encounterClass));
        filter = filter.and(iexact(call, "priority", Encounter::priority));
        Optional<String> externalIdentifier = call.queryParam("external_identifier")
                .map(v -> v.toLowerCase(Locale.ROOT));
        if (externalIdentifier.isPresent()) {
            filter = filter.and(e -> e.externalIdentifier() != null
                    && e.externalIdentifier().toLowerCase(Locale.ROOT).contains(externalIdentifier.get()));
        }
        Optional<String> live = call.queryParam("live").map(v -> v.toLowerCase(Locale.ROOT));
        if (live.filter("true"::equals).isPresent()) {
            filter = filter.and(Encounter::isActive);
        } else if (live.filter("false"::equals).isPresent()) {
            filter = filter.and(e -> !e.isActive());
        }
        return filter;
    }

    private static Predicate<Encounter> iexact(CareCall call, String param, Function<Encounter, String> field) {
        return call.queryParam(param)
                .<Predicate<Encounter>>map(v -> e -> v.equalsIgnoreCase(field.apply(e)))
                .orElse(e -> true);
    }

    private Encounter find(CareCall call) {
        return encounters.get(call.pathId("id", MODEL)).orElseThrow(() -> CareErrors.notFound(MODEL));
    }
}

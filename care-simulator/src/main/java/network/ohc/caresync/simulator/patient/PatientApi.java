package network.ohc.caresync.simulator.patient;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import network.ohc.caresync.simulator.facility.CareDirectory;
import network.ohc.caresync.simulator.http.CareCall;
import network.ohc.caresync.simulator.http.CareErrors;
import network.ohc.caresync.simulator.http.CareResponse;
import network.ohc.caresync.simulator.http.Json;
import network.ohc.caresync.simulator.http.RouteProvider;
import network.ohc.caresync.simulator.http.Routes;
import network.ohc.caresync.simulator.store.Page;
import network.ohc.caresync.simulator.store.RecordClock;
import network.ohc.caresync.simulator.user.User;
import network.ohc.caresync.simulator.user.UserDirectory;
import network.ohc.caresync.simulator.user.UserJson;
import network.ohc.caresync.simulator.validation.FieldReader;
import org.springframework.stereotype.Component;

/**
 * {@code /api/v1/patient/}: create, retrieve, partial update, list with filters, and the
 * add_user/get_users actions. As in CARE, a client-sent {@code id} is ignored, so repeating a
 * create makes a second patient.
 */
@Component
class PatientApi implements RouteProvider {

    private static final String MODEL = "Patient";

    private final Patients patients;
    private final CareDirectory directory;
    private final UserDirectory users;
    private final RecordClock clock;

    PatientApi(Patients patients, CareDirectory directory, UserDirectory users, RecordClock clock) {
        this.patients = patients;
        this.directory = directory;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public void registerRoutes(Routes routes) {
        routes.write("POST", "/api/v1/patient/", this::create);
        routes.read("/api/v1/patient/", this::list);
        routes.read("/api/v1/patient/{id}/", this::retrieve);
        routes.write("PUT", "/api/v1/patient/{id}/", this::update);
        routes.write("PATCH", "/api/v1/patient/{id}/", this::update);
        routes.write("POST", "/api/v1/patient/{id}/add_user/", this::addUser);
        routes.read("/api/v1/patient/{id}/get_users/", this::getUsers);
    }

    private CareResponse create(CareCall call) {
        PatientDraft draft = PatientDraft.empty().apply(call.bodyObject(), true, directory);
        requireWrite(call.user(), "Cannot Create Patient");
        Instant now = clock.next();
        Patient patient = draft.toPatient(UUID.randomUUID(), now, now, call.user().id(), call.user().id());
        patients.table().insert(call.tx(), patient);
        return CareResponse.ok(patients.render(patient));
    }

    private CareResponse retrieve(CareCall call) {
        return CareResponse.ok(patients.render(find(call)));
    }

    /** CARE's PUT is partial: absent fields keep their value; {@code id} in the body is dropped. */
    private CareResponse update(CareCall call) {
        Patient existing = find(call);
        ObjectNode body = call.bodyObject().deepCopy();
        body.remove(List.of("id", "external_id", "patient", "encounter"));
        PatientDraft draft = PatientDraft.of(existing).apply(body, false, directory);
        requireWrite(call.user(), "Cannot Update Patient");
        Patient updated = draft.toPatient(existing.id(), existing.createdDate(), clock.next(), existing.createdBy(),
                call.user().id());
        patients.table().replace(call.tx(), updated);
        return CareResponse.ok(patients.render(updated));
    }

    private CareResponse list(CareCall call) {
        Optional<String> name = call.queryParam("name").map(n -> n.toLowerCase(Locale.ROOT));
        Optional<String> phone = call.queryParam("phone_number");
        Predicate<Patient> byName = name
                .<Predicate<Patient>>map(n -> p -> p.name() != null && p.name().toLowerCase(Locale.ROOT).contains(n))
                .orElse(p -> true);
        Page<Patient> page = phone.isPresent()
                ? patients.table().listByIndex(Patients.BY_PHONE, phone.get().trim(), byName, call.offset(),
                        call.limit())
                : patients.table().list(byName, call.offset(), call.limit());
        ArrayNode results = Json.array();
        page.items().forEach(p -> results.add(patients.render(p)));
        return CareResponse.ok(Json.listing(page.count(), results));
    }

    private CareResponse addUser(CareCall call) {
        FieldReader r = new FieldReader(call.bodyObject());
        UUID userId = r.uuid4("user", true);
        UUID roleId = r.uuid4("role", true);
        r.throwIfInvalid();
        User user = users.byId(userId).orElseThrow(() -> CareErrors.notFound("User"));
        Patient patient = find(call);
        requireWrite(call.user(), "Cannot Create Patient");
        boolean exists = patients.patientUsers().findByIndex(Patients.BY_PATIENT, patient.id().toString()).stream()
                .anyMatch(link -> link.userId().equals(user.id()));
        if (exists) {
            throw CareErrors.validation("User already exists");
        }
        patients.patientUsers().insert(call.tx(),
                new PatientUser(UUID.randomUUID(), patient.id(), user.id(), roleId, clock.next(), call.user().id()));
        return CareResponse.ok(UserJson.summary(user));
    }

    private CareResponse getUsers(CareCall call) {
        Patient patient = find(call);
        ArrayNode results = Json.array();
        patients.patientUsers().findByIndex(Patients.BY_PATIENT, patient.id().toString())
                .forEach(link -> results.add(patients.userJson(link.userId())));
        return CareResponse.ok(Json.object().set("results", results));
    }

    private Patient find(CareCall call) {
        return patients.get(call.pathId("id", MODEL)).orElseThrow(() -> CareErrors.notFound(MODEL));
    }

    private void requireWrite(User user, String refusal) {
        if (!users.canWrite(user)) {
            throw CareErrors.permissionDenied(refusal);
        }
    }
}

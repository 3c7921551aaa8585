package network.ohc.caresync.api.audit;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection rebuilt from the first event holds what it held before; nothing is sent upstream again and the live
 * pages are not told about replayed changes.
 */
class ProjectionRebuildTest extends AuditTest {

    @Test
    void everyProjectionThatCanBeRebuiltIsCoveredHereAndNoSagaIsAmongThem() {
        Api.Answer answer = api.get("/api/v1/admin/projections", api.login(Users.KIRAN));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> projections = (List<Map<String, Object>>) answer.json().get("projections");
        // the write views' processor keeps the views, the auditors' index and the write bases together
        assertThat(projections).extracting(p -> p.get("name")).containsExactly("write-views");
    }

    @Test
    void afterARebuildEveryViewAndIndexEntryIsWhatItWasBefore() throws Exception {
        String token = api.login(Users.ASHA);
        String admin = api.login(Users.KIRAN);
        String retried = aPatientThatFailsOnceThenSyncs(token);
        String rejected = Writes.newId();
        handOver(token, Writes.createEncounter(rejected, Users.ASHA_ID, UUID.randomUUID().toString()));
        awaitStatus(token, rejected, "failed");
        List<String> mine = List.of(retried, rejected);
        Map<String, Row> viewsBefore = views();
        Set<String> indexBefore = index();
        Map<String, List<Object>> eventsBefore = eventsOf(admin, mine);
        // damage both projections: only a replay from the first event can bring these rows back as they were
        jdbc.update("DELETE FROM write_view WHERE write_id = ?", retried);
        jdbc.update("UPDATE write_view SET status = 'discarded', payload = '{}' WHERE write_id = ?", rejected);
        jdbc.update("DELETE FROM audit_write_resource WHERE write_id IN (?, ?)", retried, rejected);

        try (LivePage page = LivePage.open(port, admin)) {
            Api.Answer views = api.post("/api/v1/admin/projections/write-views/rebuild", admin, Map.of());
            assertThat(views.status()).isEqualTo(202);
            assertThat(views.header("Location")).endsWith("/api/v1/admin/projections/write-views");
            assertThat(views.json()).containsKeys("position", "head", "percent", "replaying")
                    .containsEntry("running", true);
            awaitRebuilt(admin, "write-views", ((Number) views.json().get("head")).longValue());
            Map<String, Row> viewsAfter = views();

            assertThat(viewsAfter.keySet()).containsAll(viewsBefore.keySet());
            Set<String> compared = new HashSet<>();
            viewsBefore.forEach((id, before) -> {
                Row after = viewsAfter.get(id);
                // a write that moved on during the rebuild had new events; every other row must be as it was
                if (after.lastEventSequence() == before.lastEventSequence()) {
                    assertThat(after.json()).as("write %s", id).isEqualTo(before.json());
                    compared.add(id);
                }
            });
            assertThat(compared).containsAll(mine);
            assertThat(index()).containsAll(indexBefore);

            // the replay changed both writes' rows back, and nobody watching was told, nor was CARE asked anything
            assertThat(page.writesTold()).as("live page told of a replayed change").doesNotContainAnyElementsOf(mine);
            assertThat(eventsOf(admin, mine)).isEqualTo(eventsBefore);
            assertThat(simulator.applied(retried)).isEqualTo(1);
            assertThat(simulator.applied(rejected)).isZero();

            // and the page still hears of what happens now
            assertThat(api.post("/api/v1/offline-writes/" + rejected + "/discard", admin,
                    Map.of("reason", "patient unknown")).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> page.writesTold().contains(rejected));
        }
    }

    @Test
    void aRebuildOfTheWriteBasesKeepsCopiesTheEventsCannotMakeAgain() {
        String token = api.login(Users.ASHA);
        String admin = api.login(Users.KIRAN);
        String care = simulator.careToken(Users.ASHA);
        String anjali = (String) patientInCare(care, "Base Anjali").get("id");
        String bina = (String) patientInCare(care, "Base Bina").get("id");
        String wiped = Writes.newId();
        String lost = Writes.newId();
        Map<String, Object> wipedUpdate = baselessUpdate(token, wiped, anjali);
        Map<String, Object> lostUpdate = baselessUpdate(token, lost, bina);
        goOffline();
        assertThat(handOver(token, wipedUpdate).status()).isEqualTo(202);
        assertThat(handOver(token, lostUpdate).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM write_base WHERE write_id IN (?, ?)", Integer.class, wiped, lost) == 2);
        Map<String, String> before = writeBases();
        // one base's cache entry expires (or its user signs out): only the kept copy still knows that version
        jdbc.update("DELETE FROM query_cache_entry WHERE user_id = ? AND route_key = 'getPatient'"
                + " AND params->>'id' = ?", Users.ASHA_ID, anjali);
        // the other base's copy is lost, while the cache still holds the very version its write names
        jdbc.update("DELETE FROM write_base WHERE write_id = ?", lost);

        Api.Answer rebuild = api.post("/api/v1/admin/projections/write-views/rebuild", admin, Map.of());
        assertThat(rebuild.status()).isEqualTo(202);
        awaitRebuilt(admin, "write-views", ((Number) rebuild.json().get("head")).longValue());

        assertThat(writeBases()).containsEntry(wiped, before.get(wiped)).containsEntry(lost, before.get(lost))
                .isEqualTo(before);
        simulator.online();
        awaitStatus(token, wiped, "success");
        awaitStatus(token, lost, "success");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM write_base WHERE write_id IN (?, ?)", Integer.class,
                wiped, lost)).isZero();
    }

    @Test
    void rebuildingSomethingUnknownNamesWhatCanBeRebuilt() {
        Api.Answer answer = api.post("/api/v1/admin/projections/DependencySagaProcessor/rebuild",
                api.login(Users.KIRAN), Map.of());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("names").toString()).contains("write-views");
    }

    /**
     * Reads a patient through the cache, and an update of it that names the version read but sends no base: care-sync
     * keeps a copy of that version from the cache when the update is handed over.
     */
    private Map<String, Object> baselessUpdate(String token, String id, String patientId) {
        Api.Answer seen = api.get("/api/v1/cache/getPatient?id=" + patientId, token);
        assertThat(seen.status()).as("read through the cache: %s", seen).isEqualTo(200);
        return Writes.updatePatient(id, Users.ASHA_ID, patientId, Map.of("phone_number", Writes.phone()),
                (String) seen.json().get("modified_date"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> patientInCare(String careToken, String name) {
        var response = simulator.care("POST", "/api/v1/patient/", careToken, Writes.patientPayload(name));
        assertThat(response.statusCode()).isEqualTo(200);
        return (Map<String, Object>) Simulator.body(response);
    }

    private void awaitRebuilt(String admin, String name, long headAtReset) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, Object> progress = api.get("/api/v1/admin/projections/" + name, admin).json();
            assertThat(progress).as(name).containsEntry("replaying", false).containsEntry("running", true)
                    .containsEntry("error", null);
            assertThat(((Number) progress.get("position")).longValue()).as(name).isGreaterThanOrEqualTo(headAtReset);
        });
    }

    private Map<String, List<Object>> eventsOf(String auditor, List<String> writes) {
        Map<String, List<Object>> events = new HashMap<>();
        writes.forEach(id -> events.put(id, events(auditor, "writeId=" + id).stream()
                .map(e -> e.get("globalIndex")).toList()));
        return events;
    }

    private record Row(long lastEventSequence, String json) {
    }

    private Map<String, Row> views() {
        Map<String, Row> rows = new HashMap<>();
        jdbc.query("SELECT write_id, last_event_sequence, row_to_json(w)::text AS json FROM write_view w",
                rs -> {
                    rows.put(rs.getString("write_id"), new Row(rs.getLong("last_event_sequence"), rs.getString("json")));
                });
        return rows;
    }

    private Set<String> index() {
        Set<String> rows = new HashSet<>(jdbc.queryForList("SELECT write_id || ' ' || user_id || ' ' || "
                + "coalesce(device_id, '-') FROM audit_write_index", String.class));
        rows.addAll(jdbc.queryForList("SELECT resource || ' ' || write_id FROM audit_write_resource", String.class));
        return rows;
    }

    private Map<String, String> writeBases() {
        Map<String, String> rows = new HashMap<>();
        jdbc.query("SELECT write_id, row_to_json(b)::text AS json FROM write_base b",
                rs -> {
                    rows.put(rs.getString("write_id"), rs.getString("json"));
                });
        return rows;
    }

    /** The sync status page's live stream, as an open page holds it: which writes it has been told about. */
    private static final class LivePage implements AutoCloseable {

        private final List<String> told = new CopyOnWriteArrayList<>();
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Stream<String> stream;
        private final Thread reader;

        private LivePage(Stream<String> stream) {
            this.stream = stream;
            this.reader = new Thread(() -> {
                try {
                    stream.forEach(line -> {
                        lines.add(line);
                        if (line.startsWith("data:") && line.contains("\"id\"")) {
                            told.add(line.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
                        }
                    });
                } catch (RuntimeException closed) {
                    // the page was closed
                }
            }, "live-page");
            reader.setDaemon(true);
            reader.start();
        }

        static LivePage open(int port, String token) throws IOException, InterruptedException {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/sync-status/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            LivePage page = new LivePage(response.body());
            await().atMost(Duration.ofSeconds(10)).until(() -> page.lines.stream().anyMatch(l -> l.contains("hello")));
            return page;
        }

        List<String> writesTold() {
            return List.copyOf(told);
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}

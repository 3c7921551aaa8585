package network.ohc.caresync.api.transparent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import network.ohc.caresync.api.transparent.RecordedSequence.Exchange;
import network.ohc.caresync.api.transparent.RecordedSequence.Step;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The unmodified CARE web app pointed at care-sync's {@code /care}: the requests it makes to sign in, register a
 * patient, open an encounter, edit the patient and list her encounters, replayed from the recorded sequence
 * ({@code transparent/care-web-app-sequence.json}) with the app's headers, offline and online.
 */
class CareWebAppSequenceTest extends CareSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers that belong to one connection (RFC 9110 §7.6.1) or to the moment of answering, not to the answer. */
    private static final Set<String> NOT_THE_ANSWERS = Set.of("connection", "keep-alive", "transfer-encoding", "date");
    /** Where the web app is served from (its requests carry it as Origin). */
    private static final String APP = "https://care.facility.example";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    ConnectivityMonitor connectivity;

    private final RecordedSequence sequence = RecordedSequence.load();
    private String viaCareSync;

    @BeforeEach
    void pointTheAppAtCareSync() {
        viaCareSync = "http://127.0.0.1:" + port + "/care";
    }

    @Test
    void offlineEveryAnswerHasCaresShapeAndWhenCareIsBackEachRecordIsCreatedOnceWithRealIdsAndReferences() {
        Map<String, JsonNode> care = careAnswersOfEachKind();
        Map<String, String> values = values(Users.ASHA);
        // a shift starts with CARE up: the app signs in, asks who she is and loads the facilities
        Map<String, Exchange> shiftStart = new HashMap<>();
        for (Step step : sequence.shiftStart()) {
            Exchange online = sequence.send(viaCareSync, step, values);
            assertThat(online.status()).as("%s", online).isEqualTo(200);
            shiftStart.put(step.name(), online);
        }

        goOffline();
        List<Exchange> offline = new ArrayList<>();
        for (Step step : sequence.steps()) {
            Exchange exchange = sequence.send(viaCareSync, step, values);
            assertThat(exchange.status()).as("%s", exchange).isEqualTo(200);
            assertThat(exchange.header("Content-Type")).as("%s", exchange).startsWith("application/json");
            assertThat(exchange.header("X-Care-Sync-Source")).as("%s: answered by care-sync", exchange).isNotNull();
            offline.add(exchange);
        }

        Exchange signIn = offline.get(0);
        assertThat(fieldNames(signIn.json())).containsExactly("access", "refresh");
        assertThat(claims(signIn.json().path("access").asText()).path("user_id").asText()).isEqualTo(Users.ASHA_ID);
        assertThat(claims(signIn.json().path("refresh").asText()).path("user_id").asText()).isEqualTo(Users.ASHA_ID);
        // who she is and the facilities: what CARE answered at the start of the shift, to the byte
        assertThat(offline.get(1).text()).isEqualTo(shiftStart.get("who am I").text());
        CareShape.assertShapeOf(offline.get(1).json(), care.get("currentUser"), "who am I");
        assertThat(offline.get(1).json().path("id").asText()).isEqualTo(Users.ASHA_ID);
        assertThat(offline.get(1).json().path("username").asText()).isEqualTo(Users.ASHA);
        assertThat(offline.get(2).text()).isEqualTo(shiftStart.get("the facility list").text());
        assertListShape(offline.get(2).json(), care.get("facilities"), "the facility list");

        String patient = values.get("patient");
        String encounter = values.get("encounter");
        assertThat(patient).startsWith("offline-");
        assertThat(encounter).startsWith("offline-");
        for (Exchange exchange : offline.subList(3, offline.size())) {
            String kind = exchange.step().expect();
            if (kind.equals("encounters")) {
                assertListShape(exchange.json(), care.get("encounters"), exchange.step().name());
            } else {
                CareShape.assertShapeOf(exchange.json(), care.get(kind), exchange.step().name());
            }
        }
        JsonNode registered = offline.get(3).json();
        assertThat(registered.path("id").asText()).isEqualTo(patient);
        assertThat(registered.path("name").asText()).isEqualTo(values.get("name"));
        assertThat(registered.path("phone_number").asText()).isEqualTo(values.get("phone"));
        assertThat(registered.path("geo_organization").path("id").asText()).isEqualTo(Simulator.ORGANIZATION);
        assertThat(offline.get(4).json().path("id").asText()).isEqualTo(patient);
        JsonNode opened = offline.get(5).json();
        assertThat(opened.path("id").asText()).isEqualTo(encounter);
        assertThat(opened.path("patient").path("id").asText()).isEqualTo(patient);
        assertThat(opened.path("patient").path("name").asText()).isEqualTo(values.get("name"));
        assertThat(opened.path("facility").path("id").asText()).isEqualTo(Simulator.FACILITY);
        assertThat(opened.path("period").path("start").asText()).isEqualTo("2026-11-02T09:30:00.000Z");
        Exchange edit = offline.get(6);
        assertThat(edit.json().path("id").asText()).isEqualTo(patient);
        assertThat(edit.json().path("address").asText()).isEqualTo("12 Beach Road, Kochi");
        String editId = edit.header("X-Care-Sync-Write-Id");
        assertThat(editId).startsWith("offline-");
        JsonNode listed = offline.get(7).json();
        assertThat(listed.path("count").asInt()).isEqualTo(1);
        assertThat(listed.path("results").get(0).path("id").asText()).isEqualTo(encounter);
        assertThat(listed.path("results").get(0).path("patient").path("id").asText()).isEqualTo(patient);
        assertThat(offline.get(8).json().path("id").asText()).isEqualTo(encounter);

        // the link comes back: care-sync replays the three writes, the patient first
        simulator.online();
        String session = api.login(Users.ASHA);
        String realPatient = (String) awaitStatus(session, patient, "success").get("realId");
        String realEncounter = (String) awaitStatus(session, encounter, "success").get("realId");
        awaitStatus(session, editId, "success");
        assertThat(UUID.fromString(realPatient)).isNotNull();
        assertThat(UUID.fromString(realEncounter)).isNotNull();
        assertThat(simulator.applied(patient)).isEqualTo(1);
        assertThat(simulator.applied(encounter)).isEqualTo(1);
        assertThat(simulator.applied(editId)).isEqualTo(1);
        assertThat(records("patient", values.get("name"))).as("the patient, created once").hasSize(1);
        Map<String, Object> inCare = record("patient", realPatient);
        assertThat(inCare).containsEntry("name", values.get("name")).containsEntry("phone_number", values.get("phone"))
                .containsEntry("address", "12 Beach Road, Kochi").containsEntry("blood_group", "O_positive");
        assertThat(object(inCare.get("created_by"))).containsEntry("id", Users.ASHA_ID);
        Map<String, Object> encounterInCare = record("encounter", realEncounter);
        assertThat(object(encounterInCare.get("patient"))).containsEntry("id", realPatient);
        assertThat(object(encounterInCare.get("facility"))).containsEntry("id", Simulator.FACILITY);
        assertThat(simulator.records("encounter").stream()
                .filter(e -> realPatient.equals(object(e.get("patient")).get("id")))).as("the encounter, created once")
                .hasSize(1);
        assertThat(simulator.records("patient").toString() + simulator.records("encounter"))
                .doesNotContain("offline-");

        // the app goes on with the token care-sync issued; its temporary ids now read the real records
        Exchange again = sequence.send(viaCareSync, sequence.steps().get(4), values);
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json().path("id").asText()).isEqualTo(realPatient);
        assertThat(again.json().path("address").asText()).isEqualTo("12 Beach Road, Kochi");
        Exchange whoNow = sequence.send(viaCareSync, sequence.steps().get(1), values);
        assertThat(whoNow.status()).as("%s", whoNow).isEqualTo(200);
        assertThat(whoNow.header("X-Care-Sync-Source")).as("CARE's own answer, with her CARE token from the vault")
                .isNull();
        assertThat(whoNow.json().path("id").asText()).isEqualTo(Users.ASHA_ID);
    }

    /**
     * Online every request goes to CARE as the app sent it, CARE's answer comes back as CARE sent it, and what the
     * app read is kept for it (offline the same reads answer the same bytes). Each step is
     * sent through care-sync and then, the same request, straight to the simulator; compared are:
     * <ul>
     * <li>the request CARE received (the simulator's {@code /__sim/requests}): method, path and query, every header
     * with its values, and the body's SHA-256 are the same both ways, and each header the app set arrives with the
     * app's value. One exception, made on purpose: on a GET whose answer the query cache keeps, care-sync leaves out
     * {@code Accept-Encoding}, so that CARE answers plain JSON the cache can keep;</li>
     * <li>the answer: status and headers equal, but for those of the connection and the moment ({@code Connection},
     * {@code Keep-Alive}, {@code Transfer-Encoding}, {@code Date}); the body equal byte for byte, except where the
     * second request necessarily made something else: a create makes a new id and new dates, an edit a new
     * {@code modified_date}. There the bodies are compared byte for byte with the new record's id and CARE's
     * timestamps written as placeholders; sign-in answers new tokens, compared as tokens of the same user.</li>
     * </ul>
     */
    @Test
    void onlineEachRequestReachesCareUnchangedAndEachAnswerComesBackAsCareSentIt() {
        Map<String, String> viaValues = values(Users.ASHA);
        Map<String, String> directValues = new HashMap<>(viaValues);
        long writesBefore = writesCreated();
        for (Step step : sequence.steps()) {
            Exchange via = sequence.send(viaCareSync, step, viaValues);
            Map<String, Object> viaReceived = received(via);
            // the same request straight to CARE: the token of this sign-in, the record ids the app uses
            directValues.putAll(viaValues);
            Exchange direct = sequence.send(simulator.baseUrl(), step, new HashMap<>(directValues));
            Map<String, Object> directReceived = received(direct);

            assertThat(via.status()).as("%s", via).isEqualTo(200);
            assertThat(via.header("X-Care-Sync-Source")).as("%s: CARE's answer", via).isNull();
            assertSameRequest(step, via, viaReceived, directReceived);
            assertSameAnswer(step, via, direct);
        }
        assertThat(writesCreated()).as("nothing was queued").isEqualTo(writesBefore);

        // what passed through was kept for her: offline, each read answers what CARE last answered, from the cache
        List<Step> reads = sequence.steps().stream().filter(step -> step.method().equals("GET")).toList();
        Map<String, Exchange> lastOnline = new HashMap<>();
        for (Step read : reads) {
            lastOnline.put(read.name(), sequence.send(viaCareSync, read, viaValues));
        }
        goOffline();
        for (Step read : reads) {
            Exchange offline = sequence.send(viaCareSync, read, viaValues);
            assertThat(offline.status()).as("%s", offline).isEqualTo(200);
            assertThat(offline.header("X-Care-Sync-Source")).as("%s", offline).isEqualTo("cache");
            assertThat(offline.answer()).as(read.name()).isEqualTo(lastOnline.get(read.name()).answer());
        }
    }

    /**
     * Large bodies pass both ways without care-sync holding them: a request body as large as care-sync's request
     * limit allows in these tests ({@code care-sync.writes.max-request-bytes}, 1 MiB here, 16 MiB by default) on a
     * route care-sync streams (a questionnaire answer), and a 3 MB answer (a patient whose address fills 3 MB).
     */
    @Test
    void largeBodiesStreamThroughUnchangedBothWays() throws Exception {
        Map<String, String> values = values(Users.ASHA);
        Exchange signIn = sequence.send(viaCareSync, sequence.steps().get(0), values);
        assertThat(signIn.status()).isEqualTo(200);
        String token = values.get("access");
        Map<String, Object> patient = new LinkedHashMap<>(CareWebApp.patient("Large Lalitha", Writes.phone()));
        patient.put("address", "A".repeat(3 * 1024 * 1024));
        String patientId = (String) object(Simulator.body(simulator.care("POST", "/api/v1/patient/", token,
                patient))).get("id");
        String encounterId = (String) object(Simulator.body(simulator.care("POST", "/api/v1/encounter/", token,
                CareWebApp.encounter(patientId)))).get("id");

        HttpResponse<byte[]> through = send("GET", viaCareSync + "/api/v1/patient/" + patientId + "/", token, null);
        HttpResponse<byte[]> direct = send("GET", simulator.baseUrl() + "/api/v1/patient/" + patientId + "/", token,
                null);
        assertThat(through.statusCode()).isEqualTo(200);
        assertThat(through.body().length).isGreaterThan(3 * 1024 * 1024);
        assertThat(through.body()).isEqualTo(direct.body());

        String note = "B".repeat(1024 * 1024 - 200);
        byte[] symptom = JSON.writeValueAsBytes(Map.of("encounter", encounterId, "note", note,
                "code", Map.of("code", "25064002", "display", "Headache")));
        assertThat(symptom.length).isLessThan(1024 * 1024).isGreaterThan(1024 * 1024 - 300);
        HttpResponse<byte[]> posted = send("POST", viaCareSync + "/api/v1/patient/" + patientId + "/symptom/", token,
                symptom);
        assertThat(posted.statusCode()).as(new String(posted.body())).isEqualTo(200);
        Map<String, Object> received = received("POST", "/api/v1/patient/" + patientId + "/symptom/", APP);
        assertThat(((Number) received.get("bodyBytes")).longValue()).isEqualTo(symptom.length);
        assertThat(received.get("bodySha256")).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(symptom)));
        assertThat(JSON.readTree(posted.body()).path("note").asText()).isEqualTo(note);
    }

    private void assertSameRequest(Step step, Exchange via, Map<String, Object> viaReceived,
                                   Map<String, Object> directReceived) {
        assertThat(viaReceived.get("method")).as(step.name()).isEqualTo(via.method());
        String query = (String) viaReceived.get("query");
        assertThat(viaReceived.get("path") + (query == null ? "" : "?" + query)).as(step.name()).isEqualTo(via.path());
        assertThat(viaReceived.get("bodySha256")).as(step.name()).isEqualTo(directReceived.get("bodySha256"));
        Map<String, List<String>> viaHeaders = RecordedSequence.lowerCased(headers(viaReceived));
        Map<String, List<String>> directHeaders = RecordedSequence.lowerCased(headers(directReceived));
        viaHeaders.keySet().removeAll(Set.of("connection", "keep-alive"));
        directHeaders.keySet().removeAll(Set.of("connection", "keep-alive"));
        // every GET of the sequence reads a query route whose answers the query cache keeps (routes.yml: persist)
        boolean cached = step.method().equals("GET");
        if (cached) {
            // care-sync asks CARE for plain JSON, which the cache can keep (see the method's comment)
            assertThat(viaHeaders).as(step.name()).doesNotContainKey("accept-encoding");
            directHeaders.remove("accept-encoding");
        }
        assertThat(viaHeaders).as("%s: the request as CARE received it", step.name()).isEqualTo(directHeaders);
        via.headers().forEach((name, value) -> {
            if (!(cached && name.equalsIgnoreCase("Accept-Encoding"))) {
                assertThat(viaHeaders.get(name.toLowerCase())).as("%s: header %s", step.name(), name)
                        .containsExactly(value);
            }
        });
    }

    private void assertSameAnswer(Step step, Exchange via, Exchange direct) {
        assertThat(via.status()).as(step.name()).isEqualTo(direct.status());
        Map<String, List<String>> viaHeaders = RecordedSequence.lowerCased(via.answerHeaders());
        Map<String, List<String>> directHeaders = RecordedSequence.lowerCased(direct.answerHeaders());
        viaHeaders.keySet().removeAll(NOT_THE_ANSWERS);
        directHeaders.keySet().removeAll(NOT_THE_ANSWERS);
        switch (step.expect()) {
            case "tokens" -> {
                // new tokens each time, of one length for one user: the answers differ only in the tokens
                assertThat(viaHeaders).as(step.name()).isEqualTo(directHeaders);
                assertThat(fieldNames(via.json())).isEqualTo(fieldNames(direct.json()));
                assertThat(claims(via.json().path("access").asText()).path("user_id"))
                        .isEqualTo(claims(direct.json().path("access").asText()).path("user_id"));
                assertThat(fieldNames(claims(via.json().path("access").asText())))
                        .isEqualTo(fieldNames(claims(direct.json().path("access").asText())));
            }
            case "patient", "encounter" -> {
                boolean made = !step.method().equals("GET");
                assertThat(viaHeaders).as(step.name()).isEqualTo(directHeaders);
                if (made) {
                    assertThat(withPlaceholders(via)).as("%s: byte for byte but the new id and CARE's timestamps",
                            step.name()).isEqualTo(withPlaceholders(direct));
                } else {
                    assertThat(via.answer()).as("%s: byte for byte", step.name()).isEqualTo(direct.answer());
                }
            }
            default -> {
                assertThat(viaHeaders).as(step.name()).isEqualTo(directHeaders);
                assertThat(via.answer()).as("%s: byte for byte", step.name()).isEqualTo(direct.answer());
            }
        }
    }

    /** The answer's text with the record's own id and every timestamp CARE wrote as placeholders. */
    private static String withPlaceholders(Exchange exchange) {
        String id = exchange.json().path("id").asText();
        return exchange.text().replace(id, "<id>")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z", "<time>");
    }

    /** CARE's answers of each kind the sequence gets, made straight at the simulator by another nurse. */
    private Map<String, JsonNode> careAnswersOfEachKind() {
        Map<String, String> values = values(Users.MEENA);
        Map<String, JsonNode> answers = new HashMap<>();
        for (Step step : sequence.steps()) {
            Exchange exchange = sequence.send(simulator.baseUrl(), step, values);
            assertThat(exchange.status()).as("CARE's own answer to %s", exchange).isEqualTo(200);
            answers.putIfAbsent(step.expect(), exchange.json());
        }
        return answers;
    }

    private static void assertListShape(JsonNode list, JsonNode care, String at) {
        assertThat(fieldNames(list)).as(at).containsExactly("count", "results");
        assertThat(list.path("count").isInt()).as(at).isTrue();
        assertThat(list.path("results").isArray()).as(at).isTrue();
        assertThat(list.path("count").asInt()).as("%s: every result is on this page", at)
                .isEqualTo(list.path("results").size());
        for (int i = 0; i < list.path("results").size(); i++) {
            CareShape.assertShapeOf(list.path("results").get(i), care.path("results").get(0), at + "[" + i + "]");
        }
    }

    /** What a replay fills in: the user, and a patient's name and phone number of its own. */
    private Map<String, String> values(String username) {
        Map<String, String> values = new HashMap<>();
        values.put("username", username);
        values.put("password", Simulator.PASSWORD);
        values.put("name", "Lakshmi " + UUID.randomUUID().toString().substring(0, 8));
        values.put("phone", Writes.phone());
        values.put("organization", Simulator.ORGANIZATION);
        values.put("facility", Simulator.FACILITY);
        return values;
    }

    private void goOffline() {
        simulator.offline();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> connectivity.state() == ConnectivityMonitor.State.OFFLINE);
    }

    /**
     * The last request of the app the simulator received (its {@code /__sim/requests}): the newest with this method,
     * path and query and the app's {@code Origin}, a header only the browser sends (care-sync's own calls to CARE,
     * its probe and its own sign-in, come in between).
     */
    private Map<String, Object> received(String method, String pathAndQuery, String origin) {
        HttpResponse<byte[]> answer = send("GET", simulator.baseUrl() + "/__sim/requests?last=50", null, null);
        try {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> results = (List<Map<String, Object>>) JSON.readValue(answer.body(), Map.class)
                    .get("results");
            for (int i = results.size() - 1; i >= 0; i--) {
                Map<String, Object> request = results.get(i);
                String query = (String) request.get("query");
                List<String> origins = RecordedSequence.lowerCased(headers(request)).get("origin");
                if (method.equals(request.get("method"))
                        && pathAndQuery.equals(request.get("path") + (query == null ? "" : "?" + query))
                        && origins != null && origins.contains(origin)) {
                    return request;
                }
            }
            throw new AssertionError("CARE never received " + method + " " + pathAndQuery + " from the app");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, Object> received(Exchange exchange) {
        return received(exchange.method(), exchange.path(), exchange.headers().get("Origin"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> headers(Map<String, Object> received) {
        return (Map<String, List<String>>) received.get("headers");
    }

    private static HttpResponse<byte[]> send(String method, String url, String token, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .header("Origin", APP).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + ": no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private List<Map<String, Object>> records(String kind, String name) {
        return simulator.records(kind).stream().filter(r -> name.equals(r.get("name"))).toList();
    }

    private Map<String, Object> record(String kind, String id) {
        return simulator.records(kind).stream().filter(r -> id.equals(r.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + id + " in CARE"));
    }

    private long writesCreated() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%OfflineWriteCreated'",
                Long.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }
}

package network.ohc.caresync.reliability;

import network.ohc.caresync.reliability.support.Api;
import network.ohc.caresync.reliability.support.Http;
import network.ohc.caresync.reliability.support.Results;
import network.ohc.caresync.reliability.support.SharedNode;
import network.ohc.caresync.reliability.support.Simulator;
import network.ohc.caresync.reliability.support.Tokens;
import network.ohc.caresync.reliability.support.Workload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of hostile requests against every endpoint of care-sync (from the controllers: auth, offline writes and
 * their actions, sync, sync status, cache, persisted client, the auditors' API, projection rebuilds, dashboard,
 * actuator; and CARE's own paths, which the transparent mode serves under {@code /care}, while CARE is up and while
 * it is down): malformed and deeply nested JSON, huge bodies and fields, wrong types, Unicode edge cases, injection
 * strings, other users' ids, cycles and self-parents, replays of an id with other content, missing and forged tokens.
 * Each must get a 4xx problem detail (never a 5xx, never a stack trace), store nothing, and show nothing of another
 * user. On CARE's paths care-sync answers in CARE's shape instead ({@code {"detail"}}, {@code {"errors"}} or
 * field errors, as application/json), and passes CARE's own refusals on as CARE wrote them.
 */
@Order(7)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final String LEAK = "RaviSecret";
    private static final List<String> TELLTALES = List.of("Exception", "\tat ", "at org.", "at java.", "at network.",
            "org.springframework", "org.postgresql", "PSQL", "SQLState", "org.axonframework", LEAK);

    private final SharedNode shared = SharedNode.get();
    private final Http http = shared.api().http();
    private Api.Session asha;
    private Api.Session ravi;
    private String ashaWrite;
    private String ashaSynced;
    private String raviWrite;
    private String ashaPatient;
    private String careAccess;
    private String careRefresh;
    private Api.Session meena;
    private Api.Session kiran;

    /** How a case must be answered. */
    enum Kind {
        /** care-sync's own API: a 4xx problem detail. */
        REFUSED,
        /** A query that asks nothing wrong of an auditor: a 2xx that shows nothing (no events, no other data). */
        SHOWS_NOTHING,
        /** CARE's paths while CARE is up: CARE's refusal passed on, or care-sync's own in CARE's shape. */
        CARE_ONLINE,
        /** CARE's paths while CARE is down: care-sync's refusal in CARE's shape, or a documented 503. */
        CARE_OFFLINE
    }

    /** One hostile request. */
    record Case(String endpoint, String name, String method, String path, String token, byte[] body,
                String contentType, Kind kind) {

        Case(String endpoint, String name, String method, String path, String token, byte[] body,
             String contentType) {
            this(endpoint, name, method, path, token, body, contentType, Kind.REFUSED);
        }
    }

    /** care-sync's answers in CARE's place that are not refusals of the request but documented limits of an outage. */
    private static final Set<String> DOCUMENTED_503 = Set.of("Not available offline",
            "Not available offline: this page was never opened while online",
            "Not available until the records made offline reach CARE",
            "CARE cannot be reached, and this user has not signed in while it could be: sign in once when the "
                    + "connection is back");

    @BeforeAll
    void writesOfTwoUsers() throws Exception {
        asha = shared.session("nurse.asha");
        ravi = shared.session("doctor.ravi");
        raviWrite = Workload.newId();
        Map<String, Object> secret = Workload.createPatient(raviWrite, ravi.userId(), LEAK + " " + UUID.randomUUID());
        assertThat(shared.api().handOver(ravi, secret).status()).isEqualTo(202);
        ashaWrite = Workload.newId();
        network.ohc.caresync.reliability.support.Suite.get().simulator().offline(true);
        assertThat(shared.api().handOver(asha, Workload.createPatient(ashaWrite, asha.userId(), "Hostile own"))
                .status()).isEqualTo(202);
        network.ohc.caresync.reliability.support.Suite.get().simulator().offline(false);
        ashaSynced = Workload.newId();
        assertThat(shared.api().handOver(asha, Workload.createPatient(ashaSynced, asha.userId(), "Hostile synced"))
                .status()).isEqualTo(202);
        Map<String, Object> synced = shared.api().awaitWrite(asha, ashaSynced, Api.status("success"),
                java.time.Duration.ofSeconds(60));
        shared.api().awaitWrite(ravi, raviWrite, Api.status("success"), java.time.Duration.ofSeconds(60));
        ashaPatient = (String) synced.get("realId");
        meena = shared.session("nurse.meena");
        kiran = shared.session("admin.kiran");
        // the CARE web app signs Asha in through the transparent mode: CARE's tokens, which care-sync has seen
        Http.Answer signIn = http.post("/care/api/v1/auth/login/", null,
                Map.of("username", "nurse.asha", "password", Simulator.PASSWORD));
        assertThat(signIn.status()).as("%s", signIn).isEqualTo(200);
        careAccess = (String) signIn.json().get("access");
        careRefresh = (String) signIn.json().get("refresh");
    }

    @Test
    void everyHostileRequestIsRefusedWithAProblemAndChangesNothing() throws Exception {
        List<Case> corpus = corpus();
        List<Case> careOnline = careCorpus(true);
        List<Case> careOffline = careCorpus(false);
        Map<String, Long> before = counts();
        Map<String, Object> ravisBefore = shared.api().write(ravi, raviWrite).json();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byEndpoint = new TreeMap<>();
        send(corpus, problems, byStatus, byEndpoint);
        send(careOnline, problems, byStatus, byEndpoint);
        careReachable(false);
        try {
            send(careOffline, problems, byStatus, byEndpoint);
        } finally {
            careReachable(true);
        }
        Map<String, Long> after = counts();
        Map<String, Object> ravisAfter = shared.api().write(ravi, raviWrite).json();
        List<Map<String, Object>> ashasWrites = shared.api().writes(asha);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("hostile requests tried", corpus.size() + careOnline.size() + careOffline.size());
        figures.put("on CARE's paths (transparent mode), CARE up / down", careOnline.size() + " / "
                + careOffline.size());
        figures.put("by endpoint", byEndpoint);
        figures.put("answers by status", byStatus);
        figures.put("problems", problems.size());
        Results.record("hostile input", figures);

        assertThat(problems).as("hostile requests answered wrongly").isEmpty();
        assertThat(after).as("what is stored, before and after the corpus").isEqualTo(before);
        assertThat(ravisAfter.get("syncStatus")).isEqualTo(ravisBefore.get("syncStatus"));
        assertThat(Api.historyTypes(ravisAfter)).isEqualTo(Api.historyTypes(ravisBefore));
        assertThat(ashasWrites).noneMatch(w -> w.toString().contains(LEAK));
    }

    private void send(List<Case> cases, List<String> problems, Map<String, Integer> byStatus,
                      Map<String, Integer> byEndpoint) {
        for (Case c : cases) {
            Http.Answer answer;
            try {
                answer = http.sendBytes(c.method(), c.path(), c.token(), c.body(), c.contentType(), Map.of());
            } catch (java.io.IOException e) {
                problems.add(c.endpoint() + " / " + c.name() + ": no answer (" + e + ")");
                continue;
            }
            byStatus.merge(String.valueOf(answer.status()), 1, Integer::sum);
            byEndpoint.merge(template(c.endpoint()), 1, Integer::sum);
            String verdict = judge(c, answer);
            if (verdict != null) {
                problems.add(c.endpoint() + " / " + c.name() + ": " + verdict);
            }
        }
    }

    /** CARE goes down (or comes back), and the shared node has noticed. */
    private void careReachable(boolean reachable) {
        network.ohc.caresync.reliability.support.Suite.get().simulator().offline(!reachable);
        String state = reachable ? "online" : "offline";
        java.time.Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            Http.Answer answer = Api.call(() -> http.get("/api/v1/sync/connectivity", asha.token()));
            if (state.equals(answer.json().get("upstream"))) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the node did not see CARE " + state + " within 20 s");
    }

    private String judge(Case c, Http.Answer answer) {
        String text = answer.text() == null ? "" : answer.text();
        for (String telltale : TELLTALES) {
            if (text.contains(telltale)) {
                return "the answer shows '" + telltale + "': " + answer;
            }
        }
        if (c.kind() == Kind.CARE_ONLINE || c.kind() == Kind.CARE_OFFLINE) {
            return judgeCare(c, answer);
        }
        if (c.kind() == Kind.SHOWS_NOTHING && answer.status() >= 200 && answer.status() < 300) {
            return answer.json().get("events") instanceof List<?> events && !events.isEmpty()
                    ? "events shown for a filter that matches none: " + answer : null;
        }
        if (answer.status() >= 500) {
            return "server error " + answer;
        }
        if (c.path().endsWith("/batch") && answer.status() == 200) {
            // a batch answers per write: every one must be refused
            return answer.json().get("accepted") instanceof Number n && n.intValue() == 0 ? null
                    : "a batch item was accepted: " + answer;
        }
        if (answer.status() < 400) {
            return "accepted: " + answer;
        }
        if ("upstream".equals(answer.raw().headers().firstValue("X-Care-Sync-Source").orElse(null))) {
            // the query cache passes CARE's own refusal on, as CARE wrote it
            return null;
        }
        if (!answer.contentType().contains("application/problem+json")) {
            return "not a problem detail (" + answer.contentType() + "): " + answer;
        }
        return null;
    }

    /**
     * On CARE's paths: CARE's own answer passed on (no {@code X-Care-Sync-Source}) may only be a refusal, and only
     * while CARE is up; care-sync's own answer is a 4xx in CARE's shape, or one of the outage answers the README
     * documents (503 "not available offline", never opened, not synced yet, never signed in online).
     */
    private static String judgeCare(Case c, Http.Answer answer) {
        boolean careSyncs = answer.raw().headers().firstValue("X-Care-Sync-Source").isPresent();
        if (!careSyncs) {
            if (c.kind() == Kind.CARE_OFFLINE) {
                return "CARE is down, yet care-sync did not answer: " + answer;
            }
            return answer.status() >= 400 && answer.status() < 500 ? null : "CARE's answer, not a refusal: " + answer;
        }
        Object detail = answer.json().get("detail");
        if (answer.status() == 503 && DOCUMENTED_503.contains(detail)) {
            return null;
        }
        if (answer.status() < 400 || answer.status() >= 500) {
            return (answer.status() < 400 ? "accepted: " : "server error: ") + answer;
        }
        if (!answer.contentType().startsWith("application/json") || !(answer.body() instanceof Map<?, ?> body)
                || body.isEmpty()) {
            return "not in CARE's shape (" + answer.contentType() + "): " + answer;
        }
        if (detail instanceof String || body.get("errors") instanceof List<?>) {
            return null;
        }
        // Django REST Framework's field errors: {"field": ["message", ...]}
        return body.values().stream().allMatch(v -> v instanceof List<?> messages && !messages.isEmpty()
                && messages.stream().allMatch(String.class::isInstance)) ? null : "not in CARE's shape: " + answer;
    }

    /** The endpoint as the controllers name it: ids become {id}, queries go. */
    private static String template(String endpoint) {
        String path = endpoint.replaceFirst("\\?.*$", "");
        return path.replaceFirst("^(/api/v1/offline-writes/)(?!batch$)[^/]+", "$1{id}")
                .replaceFirst("^(/api/v1/cache/)[^/]+", "$1{routeKey}")
                .replaceFirst("^(/api/v1/audit/writes/)[^/]+", "$1{id}")
                .replaceFirst("^(/api/v1/admin/projections/)(?!$)[^/]+", "$1{name}")
                .replaceFirst("^(/care/api/v1/(patient|encounter)/)[^/]+/", "$1{id}/");
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("domainevententry", "write_view", "persisted_client", "query_cache_entry",
                "care_credential", "write_base", "known_care_token")) {
            counts.put(table, ((Number) shared.sql("SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue());
        }
        counts.put("user_session", ((Number) shared.sql("SELECT count(*) AS n FROM user_session").get(0).get("n"))
                .longValue());
        return counts;
    }

    // ---------------------------------------------------------------------------------------------- the corpus

    private List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        String token = asha.token();
        Map<String, String> forged = forgedTokens();

        // every endpoint without a token, and with each forged one
        List<String[]> endpoints = List.of(
                new String[]{"POST", "/api/v1/auth/logout"},
                new String[]{"POST", "/api/v1/offline-writes"},
                new String[]{"POST", "/api/v1/offline-writes/batch"},
                new String[]{"GET", "/api/v1/offline-writes"},
                new String[]{"GET", "/api/v1/offline-writes/" + ashaWrite},
                new String[]{"POST", "/api/v1/offline-writes/" + ashaWrite + "/retry"},
                new String[]{"POST", "/api/v1/offline-writes/" + ashaWrite + "/discard"},
                new String[]{"POST", "/api/v1/offline-writes/" + ashaWrite + "/resolve"},
                new String[]{"POST", "/api/v1/offline-writes/" + ashaWrite + "/repoint"},
                new String[]{"DELETE", "/api/v1/offline-writes?status=success&olderThan=P0D"},
                new String[]{"POST", "/api/v1/sync/run"},
                new String[]{"GET", "/api/v1/sync/connectivity"},
                new String[]{"GET", "/api/v1/sync-status"},
                new String[]{"GET", "/api/v1/sync-status/stream"},
                new String[]{"GET", "/api/v1/cache/getPatient?id=" + UUID.randomUUID()},
                new String[]{"PUT", "/api/v1/persisted-client"},
                new String[]{"GET", "/api/v1/persisted-client"},
                new String[]{"DELETE", "/api/v1/persisted-client"},
                new String[]{"GET", "/api/v1/admin/dashboard"},
                new String[]{"GET", "/api/v1/audit/events"},
                new String[]{"GET", "/api/v1/audit/events/export"},
                new String[]{"GET", "/api/v1/audit/writes/" + raviWrite + "/state"},
                new String[]{"GET", "/api/v1/audit/verify"},
                new String[]{"GET", "/api/v1/admin/projections"},
                new String[]{"GET", "/api/v1/admin/projections/write-views"},
                new String[]{"POST", "/api/v1/admin/projections/write-views/rebuild"},
                new String[]{"GET", "/actuator/prometheus"});
        for (String[] e : endpoints) {
            byte[] body = e[0].equals("GET") || e[0].equals("DELETE") ? null : bytes("{\"discard\":\"me\"}");
            cases.add(new Case(e[1], "no token", e[0], e[1], null, body, null));
            forged.forEach((name, t) -> cases.add(new Case(e[1], name, e[0], e[1], t, body, null)));
        }

        // bodies that are not JSON, or not what the endpoint reads, at every endpoint that reads one
        List<String> bodyEndpoints = List.of("/api/v1/offline-writes", "/api/v1/offline-writes/batch",
                "/api/v1/offline-writes/" + ashaWrite + "/resolve", "/api/v1/offline-writes/" + ashaWrite + "/discard",
                "/api/v1/offline-writes/" + ashaWrite + "/repoint", "/api/v1/persisted-client", "/api/v1/auth/login");
        Map<String, byte[]> malformed = malformedBodies();
        for (String path : bodyEndpoints) {
            String method = path.endsWith("persisted-client") ? "PUT" : "POST";
            String t = path.endsWith("/login") ? null : token;
            malformed.forEach((name, body) -> cases.add(new Case(path, name, method, path, t, body, null)));
            cases.add(new Case(path, "text/plain", method, path, t, bytes("hello"), "text/plain"));
            cases.add(new Case(path, "xml", method, path, t, bytes("<write id='1'/>"), "application/xml"));
            cases.add(new Case(path, "wrong method", "PATCH", path, t, bytes("{}"), null));
        }

        // one write, each field wrong in its own way
        writeCases().forEach((name, write) -> {
            cases.add(new Case("/api/v1/offline-writes", name, "POST", "/api/v1/offline-writes", token, json(write),
                    null));
            cases.add(new Case("/api/v1/offline-writes/batch", name, "POST", "/api/v1/offline-writes/batch", token,
                    json(List.of(write)), null));
        });
        batchCases().forEach((name, body) -> cases.add(new Case("/api/v1/offline-writes/batch", name, "POST",
                "/api/v1/offline-writes/batch", token, json(body), null)));

        // actions on writes that are not the caller's, do not exist, or are in no state for them
        String unknown = Workload.newId();
        for (String id : List.of(raviWrite, unknown, "not-a-write", "%27%3B%20DROP%20TABLE%20write_view%3B%20--",
                "offline-" + "x".repeat(300), "%00", "..%2F..%2Fetc%2Fpasswd")) {
            String p = "/api/v1/offline-writes/" + id;
            cases.add(new Case(p, "get", "GET", p, token, null, null));
            cases.add(new Case(p + "/retry", "retry", "POST", p + "/retry", token, null, null));
            cases.add(new Case(p + "/discard", "discard", "POST", p + "/discard", token,
                    json(Map.of("reason", "not mine")), null));
            cases.add(new Case(p + "/resolve", "resolve", "POST", p + "/resolve", token,
                    json(Map.of("resolution", "take_theirs")), null));
            cases.add(new Case(p + "/repoint", "repoint", "POST", p + "/repoint", token,
                    json(Map.of("from", ashaWrite, "toRealId", UUID.randomUUID().toString())), null));
        }
        String own = "/api/v1/offline-writes/" + ashaWrite;
        String synced = "/api/v1/offline-writes/" + ashaSynced;
        cases.add(new Case(own + "/retry", "retry a pending write", "POST", own + "/retry", token, null, null));
        cases.add(new Case(synced + "/retry", "retry a synced write", "POST", synced + "/retry", token, null, null));
        cases.add(new Case(synced + "/discard", "discard a synced write", "POST", synced + "/discard", token,
                json(Map.of("reason", "x")), null));
        for (Map<String, Object> resolve : List.<Map<String, Object>>of(Map.of(), Map.of("resolution", 5),
                Map.of("resolution", "auto_merged"), Map.of("resolution", "merged"),
                Map.of("resolution", "merged", "payload", "x"), Map.of("resolution", "KEEP_MINE' OR 1=1"),
                Map.of("resolution", "keep_mine"))) {
            cases.add(new Case(own + "/resolve", "resolve " + resolve, "POST", own + "/resolve", token, json(resolve),
                    null));
        }
        for (Map<String, Object> discard : List.<Map<String, Object>>of(Map.of(), Map.of("reason", ""),
                Map.of("reason", 5), Map.of("reason", "   "))) {
            cases.add(new Case(own + "/discard", "discard " + discard, "POST", own + "/discard", token,
                    json(discard), null));
        }
        for (Map<String, Object> repoint : List.<Map<String, Object>>of(Map.of(), Map.of("from", ashaWrite),
                Map.of("from", ashaWrite, "toWriteId", raviWrite),
                Map.of("from", ashaWrite, "toWriteId", ashaWrite),
                Map.of("from", 5, "toRealId", 6),
                Map.of("from", ashaWrite, "toWriteId", ashaSynced, "toRealId", "x"))) {
            cases.add(new Case(own + "/repoint", "repoint " + repoint, "POST", own + "/repoint", token,
                    json(repoint), null));
        }
        cases.add(new Case(own + "/discard", "no body", "POST", own + "/discard", token, null, null));

        // query parameters
        for (String query : List.of("page=-1", "size=0", "size=100000", "size=abc", "page=1e9", "status=bogus",
                "status=pending'%20OR%201=1--", "status=" + "x".repeat(5000), "page=99999999999999999999",
                "resourceType=patient%00", "status=%00", "x%00=1")) {
            String p = "/api/v1/offline-writes?" + query;
            cases.add(new Case("/api/v1/offline-writes", query, "GET", p, token, null, null));
        }
        for (String query : List.of("", "status=success", "status=pending&olderThan=P1D", "status=success&olderThan=x",
                "status=success&olderThan=P-1D'--", "olderThan=P1D", "status=success&olderThan=" + "9".repeat(400))) {
            cases.add(new Case("DELETE /api/v1/offline-writes", query, "DELETE", "/api/v1/offline-writes?" + query,
                    token, null, null));
        }
        for (String query : List.of("perQueue=-1", "perQueue=100000", "perQueue=abc", "perQueue=1.5")) {
            cases.add(new Case("/api/v1/sync-status", query, "GET", "/api/v1/sync-status?" + query, token, null, null));
        }
        for (String query : List.of("maxAge=-1", "maxAge=abc", "maxAge=99999999999999999999")) {
            cases.add(new Case("/api/v1/persisted-client", query, "GET", "/api/v1/persisted-client?" + query, token,
                    null, null));
        }
        for (Object client : List.of(Map.of("buster", 5), Map.of("clientState", "x", "timestamp", "now"),
                Map.of("buster", "b", "timestamp", 1, "clientState", Map.of("queries", "not a list")),
                List.of(1, 2, 3), Map.of("buster", "\u0000", "timestamp", 1,
                        "clientState", Map.of("queries", List.of(), "mutations", List.of())))) {
            cases.add(new Case("/api/v1/persisted-client", "client " + client, "PUT", "/api/v1/persisted-client",
                    token, json(client), null));
        }
        cases.add(new Case("/api/v1/persisted-client", "5 MB", "PUT", "/api/v1/persisted-client", token,
                json(Map.of("buster", "b", "timestamp", 1, "clientState", Map.of("queries", List.of(),
                        "mutations", List.of(), "x", "y".repeat(5_000_000)))), null));

        // the cache: routes that are not queries, paths that climb, parameters that do not fit
        for (String p : List.of("/api/v1/cache/create_patient", "/api/v1/cache/nonexistent", "/api/v1/cache/getPatient",
                "/api/v1/cache/getPatient?id=" + raviWrite, "/api/v1/cache/..%2F..%2Factuator%2Fenv",
                "/api/v1/cache/getPatient?id=%27%20OR%201%3D1--", "/api/v1/cache/getPatient?id=" + "a".repeat(3000),
                "/api/v1/cache/listEncounters", "/api/v1/cache/listPatients?name=%00",
                "/api/v1/cache/getPatient?id=%00")) {
            cases.add(new Case(p, "cache read", "GET", p, token, null, null));
        }

        // sign-in
        for (Map<String, Object> login : List.<Map<String, Object>>of(Map.of(), Map.of("username", 5, "password", 5),
                Map.of("username", "nurse.asha", "password", "wrong"),
                Map.of("username", "x".repeat(200), "password", "p"),
                Map.of("username", "nurse.asha'--", "password", "' OR '1'='1"),
                Map.of("username", "nurse.asha\u0000", "password", "care-demo-1"),
                Map.of("username", "nurse.asha", "password", "care-demo-1", "deviceId", "d".repeat(101)),
                Map.of("username", "nurse.asha", "password", "care-demo-1", "deviceId", "tab\u0000let"),
                Map.of("username", "nobody.at.all", "password", "care-demo-1"),
                Map.of("username", "\ud800", "password", "x"))) {
            cases.add(new Case("/api/v1/auth/login", "login " + login.keySet(), "POST", "/api/v1/auth/login", null,
                    json(login), null));
        }

        // the administrators' endpoints as a nurse
        cases.add(new Case("/api/v1/admin/dashboard", "as a nurse", "GET", "/api/v1/admin/dashboard", token, null,
                null));
        cases.add(new Case("/actuator/prometheus", "as a nurse", "GET", "/actuator/prometheus", token, null, null));
        cases.addAll(auditAndAdminCases(token));
        return cases;
    }

    /**
     * The auditors' API, projection rebuilds and the dashboard: as a nurse (a 403 each), and as an auditor and an
     * administrator with filters, times, cursors, ids and names that are wrong, huge, injected or not text.
     */
    private List<Case> auditAndAdminCases(String nurse) {
        List<Case> cases = new ArrayList<>();
        String unknownWrite = Workload.newId();
        for (String[] e : List.of(new String[]{"GET", "/api/v1/audit/events"},
                new String[]{"GET", "/api/v1/audit/events/export"},
                new String[]{"GET", "/api/v1/audit/events?writeId=" + raviWrite},
                new String[]{"GET", "/api/v1/audit/writes/" + raviWrite + "/state"},
                new String[]{"GET", "/api/v1/audit/verify"}, new String[]{"GET", "/api/v1/admin/projections"},
                new String[]{"GET", "/api/v1/admin/projections/write-views"},
                new String[]{"POST", "/api/v1/admin/projections/write-views/rebuild"},
                new String[]{"GET", "/api/v1/admin/dashboard?x=1"})) {
            cases.add(new Case(e[1], "as a nurse", e[0], e[1], nurse, null, null));
        }
        String huge = "9".repeat(400);
        List<String> badQueries = List.of("limit=0", "limit=-1", "limit=1001", "limit=abc", "limit=1e3", "limit=" + huge,
                "after=-5", "after=abc", "after=" + huge, "after=1.5", "from=yesterday", "to=x",
                "from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                "from=%27%20OR%201=1--", "from=2026-13-45T99:99:99Z", "from=" + "2".repeat(5000), "type=Bogus",
                "type=SyncAttempted%27--", "type=SyncAttempted,%3Cscript%3E", "type=%00", "writeId=%00",
                "userId=a%00b", "deviceId=%ED%A0%80%00", "resource=%00", "x%00=1");
        for (Api.Session who : List.of(meena, kiran)) {
            String as = who == meena ? "as an auditor" : "as an administrator";
            for (String query : badQueries) {
                for (String path : List.of("/api/v1/audit/events", "/api/v1/audit/events/export")) {
                    if (path.endsWith("export") && query.startsWith("limit=")) {
                        continue; // an export has no pages: it reads no limit
                    }
                    cases.add(new Case(path, as + " " + query, "GET", path + "?" + query, who.token(), null, null));
                }
            }
            // filters that ask nothing wrong, only what does not exist: an empty answer, nothing else shown
            for (String query : List.of("writeId=%27%20OR%201=1--", "writeId=" + unknownWrite,
                    "userId=%27%3B%20DROP%20TABLE%20domainevententry%3B--&writeId=" + unknownWrite,
                    "writeId=" + "w".repeat(3000), "resource=patient%27%20OR%20%271%27=%271&writeId=" + unknownWrite)) {
                cases.add(new Case("/api/v1/audit/events", as + " " + query, "GET", "/api/v1/audit/events?" + query,
                        who.token(), null, null, Kind.SHOWS_NOTHING));
            }
            cases.add(new Case("/api/v1/audit/verify", as + " a write that does not exist", "GET",
                    "/api/v1/audit/verify?writeId=" + "v".repeat(3000), who.token(), null, null, Kind.SHOWS_NOTHING));
            cases.add(new Case("/api/v1/audit/verify", as + " NUL", "GET", "/api/v1/audit/verify?writeId=%00",
                    who.token(), null, null));
            for (String id : List.of(unknownWrite, "not-a-write", "%00", "..%2F..%2Fetc%2Fpasswd", "%27%3B--",
                    "offline-" + "x".repeat(300))) {
                String p = "/api/v1/audit/writes/" + id + "/state";
                cases.add(new Case(p, as, "GET", p, who.token(), null, null));
                cases.add(new Case(p, as + " at a bad time", "GET", p + "?at=tomorrow", who.token(), null, null));
            }
            String state = "/api/v1/audit/writes/" + raviWrite + "/state";
            for (String at : List.of("yesterday", "1999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "%00",
                    "2026-11-01T09:30:00", "9".repeat(500))) {
                cases.add(new Case(state, as + " at=" + at, "GET", state + "?at=" + at, who.token(), null, null));
            }
            for (String name : List.of("bogus", "%00", "..%2F..%2Factuator", "x".repeat(3000), "write-views%27--",
                    "%3Cscript%3E", "WRITE-VIEWS")) {
                String p = "/api/v1/admin/projections/" + name;
                cases.add(new Case(p, as, "GET", p, who.token(), null, null));
                cases.add(new Case(p + "/rebuild", as, "POST", p + "/rebuild", who.token(), bytes("{\"all\":true}"),
                        null));
            }
            cases.add(new Case("/api/v1/admin/projections/{name}/rebuild", as + " wrong method", "GET",
                    "/api/v1/admin/projections/write-views/rebuild", who.token(), null, null));
            cases.add(new Case("/api/v1/admin/projections/{name}/rebuild", as + " wrong method", "DELETE",
                    "/api/v1/admin/projections/write-views", who.token(), null, null));
            cases.add(new Case("/api/v1/admin/dashboard", as + " NUL", "GET", "/api/v1/admin/dashboard?x=%00",
                    who.token(), null, null));
            cases.add(new Case("/api/v1/admin/dashboard", as + " wrong method", "POST", "/api/v1/admin/dashboard",
                    who.token(), bytes("{}"), null));
        }
        return cases;
    }

    /**
     * CARE's paths, as the CARE web app (or whoever points at care-sync's {@code /care}) could call them with CARE up
     * ({@code online}) or down. Requests CARE itself would accept (a PUT of unknown fields, an empty name) are left
     * out online: CARE's answer is CARE's business. Offline every answer is care-sync's.
     */
    private List<Case> careCorpus(boolean online) {
        Kind kind = online ? Kind.CARE_ONLINE : Kind.CARE_OFFLINE;
        String mode = online ? "(CARE up) " : "(CARE down) ";
        List<Case> cases = new ArrayList<>();
        java.util.function.Consumer<Case> add = c -> cases.add(new Case("/care" + c.endpoint(), mode + c.name(),
                c.method(), "/care" + c.path(), c.token(), c.body(), c.contentType(), kind));
        String unknownTemporary = Workload.newId();
        String unknownRecord = UUID.randomUUID().toString();
        Map<String, Object> patient = carePatient();
        Map<String, Object> encounter = careEncounter(ashaPatient);

        // every kind of request the app makes, with no token and with tokens that are not good for it
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("junk token", "abc.def.ghi");
        tokens.put("empty bearer", "");
        tokens.put("CARE-looking token signed with a guessed key", Tokens.hs256(careClaims("access", 600),
                "secret".repeat(6).getBytes(StandardCharsets.UTF_8)));
        tokens.put("unsigned CARE-looking token", Tokens.unsigned(careClaims("access", 600)));
        tokens.put("care-sync's token, expired", transparentToken(careClaims("access", -60)));
        tokens.put("care-sync's refresh token as an access token", transparentToken(careClaims("refresh", 600)));
        tokens.put("care-sync's token signed with the session key", Tokens.hs256(careClaims("access", 600),
                Tokens.suiteKey()));
        tokens.put("a care-sync session token", asha.token());
        tokens.put("CARE's refresh token as an access token", careRefresh);
        List<Object[]> requests = List.of(new Object[]{"GET", "/api/v1/users/getcurrentuser/", null},
                new Object[]{"GET", "/api/v1/patient/" + ashaPatient + "/", null},
                new Object[]{"GET", "/api/v1/patient/?limit=15", null},
                new Object[]{"POST", "/api/v1/patient/", patient},
                new Object[]{"PUT", "/api/v1/patient/" + ashaPatient + "/", Map.of("address", "12 Forged Road")},
                new Object[]{"POST", "/api/v1/encounter/", encounter},
                new Object[]{"GET", "/api/v1/encounter/?patient=" + ashaPatient, null},
                new Object[]{"POST", "/api/v1/batch_requests/", Map.of("requests", List.of())});
        for (Object[] r : requests) {
            tokens.forEach((name, t) -> add.accept(new Case((String) r[1], name, (String) r[0], (String) r[1], t,
                    r[2] == null ? null : json(r[2]), null)));
        }

        // bodies that are not JSON, or not what the route reads (online a PUT goes to a record CARE does not have)
        Map<String, byte[]> malformed = malformedBodies();
        Set<String> acceptedAsAnUpdate = Set.of("duplicate keys", "200-digit number", "huge exponent");
        String updated = online ? "/api/v1/patient/" + unknownRecord + "/" : "/api/v1/patient/" + ashaPatient + "/";
        for (String[] route : List.of(new String[]{"POST", "/api/v1/patient/"}, new String[]{"POST", "/api/v1/encounter/"},
                new String[]{"POST", "/api/v1/batch_requests/"}, new String[]{"PUT", updated},
                new String[]{"POST", "/api/v1/auth/login/"}, new String[]{"POST", "/api/v1/auth/token/refresh/"})) {
            boolean auth = route[1].contains("/auth/");
            malformed.forEach((name, body) -> {
                // CARE (the simulator) never answers a number with a huge exponent: left out while it is up;
                // offline an update with fields CARE does not know is kept, as CARE would apply it (ignoring them)
                if ((online && name.equals("huge exponent")) || (!online && route[0].equals("PUT")
                        && acceptedAsAnUpdate.contains(name))) {
                    return;
                }
                add.accept(new Case(route[1], name, route[0], route[1], auth ? null : careAccess, body, null));
            });
            add.accept(new Case(route[1], "text/plain", route[0], route[1], auth ? null : careAccess,
                    bytes("hello"), "text/plain"));
        }

        // a registration wrong in one way each (those CARE itself accepts or cannot take only while CARE is down)
        Map<String, Map<String, Object>> registrations = new LinkedHashMap<>();
        registrations.put("gender unknown", with(patient, "gender", "unknown"));
        registrations.put("gender a number", with(patient, "gender", 5));
        registrations.put("name 201 characters", with(patient, "name", "x".repeat(201)));
        registrations.put("name an object", with(patient, "name", Map.of("first", "x")));
        registrations.put("phone number not one", with(patient, "phone_number", "12345"));
        registrations.put("phone number with SQL", with(patient, "phone_number", "+91' OR '1'='1"));
        registrations.put("no organization", with(patient, "geo_organization", null));
        registrations.put("no date of birth nor age", with(patient, "date_of_birth", null));
        registrations.put("age in words", with(with(patient, "date_of_birth", null), "age", "ten"));
        registrations.put("date of birth as written in the US", with(patient, "date_of_birth", "04/12/1990"));
        registrations.put("blood group unknown to CARE", with(patient, "blood_group", "Z_positive"));
        registrations.put("identifiers a string", with(patient, "identifiers", "x"));
        registrations.put("the id of another user's write", with(patient, "id", raviWrite));
        registrations.put("address naming a temporary id of nobody", with(patient, "address", unknownTemporary));
        if (!online) {
            registrations.put("name empty", with(patient, "name", ""));
            registrations.put("age below zero", with(with(patient, "date_of_birth", null), "age", -1));
            registrations.put("name with NUL", with(patient, "name", "Lakshmi\u0000Menon"));
            registrations.put("name with a lone surrogate", with(patient, "name", "Lakshmi \ud800Menon"));
            registrations.put("key with NUL", with(patient, "tag\u0000", "x"));
            registrations.put("address of 100 KB", with(patient, "address", "x".repeat(100_000)));
            registrations.put("50,000 keys", manyFields(patient, 50_000));
        }
        registrations.forEach((name, body) -> add.accept(new Case("/api/v1/patient/", name, "POST", "/api/v1/patient/",
                careAccess, json(body), null)));
        Map<String, Map<String, Object>> encounters = new LinkedHashMap<>();
        encounters.put("patient another user's temporary id", with(encounter, "patient", raviWrite));
        encounters.put("patient a temporary id of nobody", with(encounter, "patient", unknownTemporary));
        encounters.put("status unknown to CARE", with(encounter, "status", "admitted"));
        encounters.put("class a list", with(encounter, "encounter_class", List.of("amb")));
        encounters.put("no priority", with(encounter, "priority", null));
        encounters.put("external identifier of 101 characters", with(encounter, "external_identifier", "e".repeat(101)));
        encounters.forEach((name, body) -> add.accept(new Case("/api/v1/encounter/", name, "POST", "/api/v1/encounter/",
                careAccess, json(body), null)));
        add.accept(new Case("/api/v1/batch_requests/", "a sub-request on another user's temporary id", "POST",
                "/api/v1/batch_requests/", careAccess, json(Map.of("requests", List.of(Map.of(
                        "url", "/api/v1/patient/" + raviWrite + "/symptom/upsert/", "method", "POST",
                        "body", Map.of("datapoints", List.of()), "reference_id", "r1")))), null));
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add(Map.of("url", "/api/v1/patient/" + ashaPatient + "/symptom/upsert/", "method", "POST",
                    "body", Map.of("datapoints", List.of()), "reference_id", "r" + i));
        }
        add.accept(new Case("/api/v1/batch_requests/", "21 sub-requests", "POST", "/api/v1/batch_requests/",
                careAccess, json(Map.of("requests", tooMany)), null));

        // records that are not the user's or not records at all, in the path
        for (String id : List.of(raviWrite, unknownTemporary, "not-a-uuid", "x".repeat(300), "offline-" + "x".repeat(60),
                "%27%20OR%201%3D1--")) {
            String path = "/api/v1/patient/" + id + "/";
            add.accept(new Case(path, "update", "PUT", path, careAccess, json(Map.of("address", "12 Beach Road")),
                    null));
        }
        for (String id : online ? List.of(unknownTemporary) : List.of(raviWrite, unknownTemporary,
                "patient-of-ravi")) {
            String path = "/api/v1/patient/" + (id.equals("patient-of-ravi") ? raviPatient() : id) + "/";
            add.accept(new Case(path, "read", "GET", path, careAccess, null, null));
        }
        // paths and queries no CARE path can be
        for (String path : List.of("/api/v1/patient/%00/", "/api/v1/patient/..%2F..%2Factuator%2Fenv/",
                "/api/v1/patient/%27%3B--/", "/api/v1/../../actuator/env", "/api/v1/patient/?name=a%00b",
                "/api/v1/encounter/?patient=%00", "/api/v1/patient/?name=%ED%A0%80%00")) {
            add.accept(new Case(path, "path or query", "GET", path, careAccess, null, null));
        }
        if (!online) {
            // what no route knows: not kept, not available
            add.accept(new Case("/api/v1/patient/{id}/", "delete", "DELETE", "/api/v1/patient/" + ashaPatient + "/",
                    careAccess, null, null));
            add.accept(new Case("/api/v1/patient/{id}/symptom/", "an unrouted create", "POST",
                    "/api/v1/patient/" + ashaPatient + "/symptom/", careAccess, json(Map.of("note", "x")), null));
            add.accept(new Case("/api/v1/patient/", "a page never opened", "GET", "/api/v1/patient/?limit=-1&offset=x",
                    careAccess, null, null));
        }

        // signing in and refreshing
        for (Map<String, Object> login : List.<Map<String, Object>>of(Map.of(), Map.of("username", 5, "password", 5),
                Map.of("username", "nurse.asha", "password", "wrong"),
                Map.of("username", "x".repeat(200), "password", "p"),
                Map.of("username", "nurse.asha'--", "password", "' OR '1'='1"),
                Map.of("username", "nurse.asha\u0000", "password", Simulator.PASSWORD),
                Map.of("username", "\ud800", "password", "x"),
                Map.of("username", List.of("nurse.asha"), "password", Simulator.PASSWORD))) {
            add.accept(new Case("/api/v1/auth/login/", "sign-in " + login.keySet(), "POST", "/api/v1/auth/login/",
                    null, json(login), null));
        }
        for (Object refresh : List.of(Map.of(), Map.of("refresh", 5), Map.of("refresh", "abc.def.ghi"),
                Map.of("refresh", careAccess), Map.of("refresh", transparentToken(careClaims("access", 600))),
                Map.of("refresh", transparentToken(careClaims("refresh", -60))), Map.of("refresh", "r".repeat(70_000)))) {
            add.accept(new Case("/api/v1/auth/token/refresh/", "refresh", "POST", "/api/v1/auth/token/refresh/", null,
                    json(refresh), null));
        }
        return cases;
    }

    private String raviPatient() {
        return (String) shared.api().write(ravi, raviWrite).json().get("realId");
    }

    /** simplejwt's claims as CARE (and care-sync for CARE) puts them in a token for Asha, expiring in seconds. */
    private Map<String, Object> careClaims(String type, long expiresIn) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "care-sync/transparent");
        claims.put("token_type", type);
        claims.put("user_id", asha.userId());
        claims.put("username", "nurse.asha");
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", Instant.now().getEpochSecond() - 120);
        claims.put("exp", Instant.now().getEpochSecond() + expiresIn);
        return claims;
    }

    /** A token signed the way care-sync signs the CARE tokens it issues offline (a key derived from the session key). */
    private static String transparentToken(Map<String, Object> claims) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(Tokens.suiteKey(), "HmacSHA256"));
            return Tokens.hs256(claims, mac.doFinal("care-sync transparent CARE tokens".getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> carePatient() {
        Map<String, Object> patient = new LinkedHashMap<>();
        patient.put("name", "Hostile Hema " + UUID.randomUUID().toString().substring(0, 6));
        patient.put("gender", "female");
        patient.put("phone_number", Workload.uniquePhone());
        patient.put("geo_organization", Simulator.ORGANIZATION);
        patient.put("date_of_birth", "1990-04-12");
        return patient;
    }

    private static Map<String, Object> careEncounter(String patient) {
        Map<String, Object> encounter = new LinkedHashMap<>();
        encounter.put("patient", patient);
        encounter.put("facility", Simulator.FACILITY);
        encounter.put("status", "in_progress");
        encounter.put("encounter_class", "amb");
        encounter.put("priority", "routine");
        return encounter;
    }

    /** The body with one field set (or, for null, left out). */
    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        if (value == null) {
            changed.remove(field);
        } else {
            changed.put(field, value);
        }
        return changed;
    }

    private static Map<String, Object> manyFields(Map<String, Object> body, int count) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        for (int i = 0; i < count; i++) {
            changed.put("k" + i, i);
        }
        return changed;
    }

    private Map<String, String> forgedTokens() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "care-sync");
        claims.put("sub", asha.userId());
        claims.put("name", "nurse.asha");
        claims.put("roles", List.of("user", "admin", "auditor"));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(3600).getEpochSecond());
        Map<String, Object> expired = new LinkedHashMap<>(claims);
        expired.put("exp", Instant.now().minusSeconds(60).getEpochSecond());
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("junk token", "abc.def.ghi");
        tokens.put("empty bearer", "");
        tokens.put("token signed with a guessed key", Tokens.hs256(claims, "secret".repeat(6).getBytes()));
        tokens.put("unsigned token", Tokens.unsigned(claims));
        tokens.put("expired token", Tokens.hs256(expired, Tokens.suiteKey()));
        tokens.put("token of a session never opened", Tokens.hs256(claims, Tokens.suiteKey()));
        tokens.put("token from another issuer", Tokens.hs256(withIssuer(claims, "care"), Tokens.suiteKey()));
        Api.Session ended = shared.session("nurse.asha", "logged-out-" + UUID.randomUUID());
        Api.call(() -> http.post("/api/v1/auth/logout", ended.token(), null));
        tokens.put("token of a signed-out session", ended.token());
        return tokens;
    }

    private static Map<String, Object> withIssuer(Map<String, Object> claims, String issuer) {
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        changed.put("iss", issuer);
        return changed;
    }

    private static Map<String, byte[]> malformedBodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty body", new byte[0]);
        bodies.put("whitespace", bytes("   \n "));
        bodies.put("open brace", bytes("{"));
        bodies.put("cut off", bytes("{\"id\": \"offline-"));
        bodies.put("open array", bytes("[1, 2"));
        bodies.put("bare word", bytes("nul"));
        bodies.put("single quotes", bytes("{'id': 'x'}"));
        bodies.put("NaN", bytes("{\"clientTimestamp\": NaN}"));
        bodies.put("comment", bytes("/* hi */ {}"));
        bodies.put("trailing comma", bytes("{\"a\": 1,}"));
        bodies.put("duplicate keys", bytes("{\"id\": \"a\", \"id\": \"b\"}"));
        bodies.put("invalid UTF-8", new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.put("lone surrogate escape", bytes("{\"username\": \"\\ud800\", \"id\": \"\\udfff\"}"));
        bodies.put("NUL escape", bytes("{\"username\": \"a\\u0000b\", \"reason\": \"\\u0000\"}"));
        bodies.put("null", bytes("null"));
        bodies.put("number", bytes("12345"));
        bodies.put("string", bytes("\"a write\""));
        bodies.put("empty object", bytes("{}"));
        bodies.put("empty array", bytes("[]"));
        bodies.put("200-digit number", bytes("{\"clientTimestamp\": " + "9".repeat(200) + "}"));
        bodies.put("huge exponent", bytes("{\"clientTimestamp\": 1e999999999}"));
        bodies.put("arrays nested 10,000 deep", bytes("[".repeat(10_000) + "]".repeat(10_000)));
        bodies.put("objects nested 5,000 deep", bytes("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
        bodies.put("5 MB of spaces then {}", bytes(" ".repeat(5 * 1024 * 1024) + "{}"));
        bodies.put("100,000 keys", bytes(manyKeys(100_000)));
        return bodies;
    }

    private static String manyKeys(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return json.append("}").toString();
    }

    /** A valid patient create of Asha with one thing wrong each. */
    private Map<String, Map<String, Object>> writeCases() {
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        Function<java.util.function.Consumer<Map<String, Object>>, Map<String, Object>> change = edit -> {
            Map<String, Object> write = Workload.createPatient(Workload.newId(), asha.userId(), "Hostile");
            write.put("payload", new LinkedHashMap<>(payload(write)));
            edit.accept(write);
            return write;
        };
        cases.put("id a number", change.apply(w -> w.put("id", 123)));
        cases.put("id an array", change.apply(w -> w.put("id", List.of(w.get("id")))));
        cases.put("id not a UUID", change.apply(w -> w.put("id", "offline-12345")));
        cases.put("id with SQL", change.apply(w -> w.put("id", "'; DROP TABLE write_view; --")));
        // A random UUID may hold no 'a' at all; put the Cyrillic letter in a fixed place so the id is always wrong.
        cases.put("id with Cyrillic a", change.apply(w -> w.put("id", "offline-\u0430" + ((String) w.get("id")).substring("offline-".length() + 1))));
        cases.put("id with fullwidth digits", change.apply(w -> w.put("id", "offline-１１１１１１１１-1111-4111-8111-111111111111")));
        cases.put("id with NUL", change.apply(w -> w.put("id", w.get("id") + "\u0000")));
        cases.put("id 65 characters", change.apply(w -> w.put("id", w.get("id") + "-ffffffffffffffffffffff")));
        cases.put("id of an existing write with other content", change.apply(w -> w.put("id", ashaWrite)));
        cases.put("id of another user's write", change.apply(w -> w.put("id", raviWrite)));
        cases.put("userId of another user", change.apply(w -> w.put("userId", ravi.userId())));
        cases.put("userId an object", change.apply(w -> w.put("userId", Map.of("id", asha.userId()))));
        cases.put("no userId", change.apply(w -> w.remove("userId")));
        cases.put("route unknown", change.apply(w -> w.put("syncrouteKey", "drop_everything")));
        cases.put("route null", change.apply(w -> w.put("syncrouteKey", null)));
        cases.put("route null in both spellings", change.apply(w -> {
            w.put("syncrouteKey", null);
            w.put("syncRouteKey", null);
        }));
        cases.put("route with SQL", change.apply(w -> w.put("syncrouteKey", "create_patient' OR '1'='1")));
        cases.put("route a query", change.apply(w -> w.put("syncrouteKey", "getPatient")));
        cases.put("route with NUL", change.apply(w -> w.put("syncrouteKey", "create_patient\u0000")));
        cases.put("both route spellings, different", change.apply(w -> w.put("syncRouteKey", "create_encounter")));
        cases.put("payload a string", change.apply(w -> w.put("payload", "{\"name\": \"x\"}")));
        cases.put("payload an array", change.apply(w -> w.put("payload", List.of(1))));
        cases.put("payload missing", change.apply(w -> w.remove("payload")));
        cases.put("payload against the schema", change.apply(w -> payload(w).put("gender", "unknown")));
        cases.put("payload with NUL in a name", change.apply(w -> payload(w).put("name", "Lakshmi\u0000Menon")));
        cases.put("payload with NUL in a key", change.apply(w -> payload(w).put("tag\u0000", "x")));
        cases.put("payload with a lone surrogate", change.apply(w -> payload(w).put("address", "Flat \ud800 4")));
        cases.put("payload with a reversed surrogate pair", change.apply(w -> payload(w).put("address", "\udc00\ud800")));
        cases.put("payload nested 100 deep", change.apply(w -> payload(w).put("address", nested(100))));
        cases.put("payload field of 100 KB", change.apply(w -> payload(w).put("address", "x".repeat(100_000))));
        cases.put("payload with 50,000 keys", change.apply(w -> {
            for (int i = 0; i < 50_000; i++) {
                payload(w).put("k" + i, i);
            }
        }));
        cases.put("parents a string", change.apply(w -> w.put("parentMutationIds", "x")));
        cases.put("parents numbers", change.apply(w -> w.put("parentMutationIds", List.of(1, 2))));
        cases.put("parent itself", change.apply(w -> w.put("parentMutationIds", List.of(w.get("id")))));
        cases.put("parent unknown", change.apply(w -> w.put("parentMutationIds", List.of(Workload.newId()))));
        cases.put("parent another user's", change.apply(w -> w.put("parentMutationIds", List.of(raviWrite))));
        cases.put("101 parents", change.apply(w -> {
            List<String> parents = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                parents.add(Workload.newId());
            }
            w.put("parentMutationIds", parents);
        }));
        cases.put("clientTimestamp a string", change.apply(w -> w.put("clientTimestamp", "now")));
        cases.put("clientTimestamp negative", change.apply(w -> w.put("clientTimestamp", -1)));
        cases.put("clientTimestamp a fraction", change.apply(w -> w.put("clientTimestamp", 1.5)));
        cases.put("clientTimestamp year 300,000", change.apply(w -> w.put("clientTimestamp", 9.0e15)));
        cases.put("no clientTimestamp", change.apply(w -> w.remove("clientTimestamp")));
        cases.put("serverTimestamp not a time", change.apply(w -> w.put("serverTimestamp", "yesterday")));
        cases.put("serverTimestamp a number", change.apply(w -> w.put("serverTimestamp", 5)));
        cases.put("queryrouteKey unknown", change.apply(w -> w.put("queryrouteKey", "getEverything")));
        cases.put("queryrouteKey a mutation", change.apply(w -> w.put("queryrouteKey", "create_patient")));
        cases.put("pathParams an array", change.apply(w -> w.put("pathParams", List.of(1))));
        cases.put("pathParams nested", change.apply(w -> w.put("pathParams", Map.of("id", Map.of("a", 1)))));
        cases.put("queryParams nested", change.apply(w -> w.put("queryParams", Map.of("id", List.of(1)))));
        cases.put("deviceId a number", change.apply(w -> w.put("deviceId", 7)));
        cases.put("deviceId 101 characters", change.apply(w -> w.put("deviceId", "d".repeat(101))));
        cases.put("deviceId with NUL", change.apply(w -> w.put("deviceId", "tab\u0000let")));
        cases.put("type with NUL", change.apply(w -> w.put("type", "create\u0000")));
        cases.put("resourceType with a lone surrogate", change.apply(w -> w.put("resourceType", "patient\ud800")));
        cases.put("basePayload a string", change.apply(w -> w.put("basePayload", "x")));
        cases.put("unknown field", change.apply(w -> w.put("__proto__", Map.of("admin", true))));
        cases.put("update without its path parameter", change.apply(w -> {
            w.put("syncrouteKey", "update_patient");
            w.put("payload", Map.of("address", "x"));
        }));
        return cases;
    }

    /** Batches whose writes are each refused: cycles, a parent refused, the same id twice. */
    private Map<String, Object> batchCases() {
        Map<String, Object> cases = new LinkedHashMap<>();
        String a = Workload.newId();
        String b = Workload.newId();
        String c = Workload.newId();
        Map<String, Object> wa = Workload.createEncounter(a, asha.userId(), b);
        Map<String, Object> wb = Workload.createEncounter(b, asha.userId(), a);
        cases.put("a cycle of two", List.of(wa, wb));
        Map<String, Object> x = Workload.createEncounter(a, asha.userId(), b);
        Map<String, Object> y = Workload.createEncounter(b, asha.userId(), c);
        Map<String, Object> z = Workload.createEncounter(c, asha.userId(), a);
        cases.put("a cycle of three", Map.of("writes", List.of(x, y, z)));
        Map<String, Object> refusedParent = Workload.createPatient(a, asha.userId(), "Refused parent");
        payload(refusedParent).put("gender", "none");
        cases.put("a child of a refused parent", List.of(refusedParent, Workload.createEncounter(b, asha.userId(), a)));
        Map<String, Object> replay = Workload.createPatient(ashaWrite, asha.userId(), "Replayed with other content");
        cases.put("an existing id with other content, twice", List.of(replay, replay));
        cases.put("writes not objects", List.of(1, "x", List.of()));
        cases.put("an object without writes", Map.of("write", List.of()));
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add(Map.of("id", Workload.newId()));
        }
        cases.put("201 writes", tooMany);
        return cases;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> write) {
        return (Map<String, Object>) write.get("payload");
    }

    private static Object nested(int depth) {
        Object value = "deep";
        for (int i = 0; i < depth; i++) {
            value = Map.of("a", value);
        }
        return value;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** JSON as Jackson writes it: lone surrogates become \\u escapes, as a browser's JSON.stringify writes them. */
    private static byte[] json(Object value) {
        try {
            return Http.JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

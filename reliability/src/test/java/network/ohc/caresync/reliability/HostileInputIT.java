package network.ohc.caresync.reliability;

import network.ohc.caresync.reliability.support.Api;
import network.ohc.caresync.reliability.support.Http;
import network.ohc.caresync.reliability.support.Results;
import network.ohc.caresync.reliability.support.SharedNode;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of hostile requests against every endpoint of care-sync (from the controllers: auth, offline writes and
 * their actions, sync, sync status, cache, persisted client, dashboard, actuator): malformed and deeply nested JSON,
 * huge bodies and fields, wrong types, Unicode edge cases, injection strings, other users' ids, cycles and
 * self-parents, replays of an id with other content, missing and forged tokens. Each must get a 4xx problem detail
 * (never a 5xx, never a stack trace), store nothing, and show nothing of another user.
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

    /** One hostile request; {@code harmless} ones may be answered 2xx but must show or store nothing. */
    record Case(String endpoint, String name, String method, String path, String token, byte[] body,
                String contentType) {
    }

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
        shared.api().awaitWrite(asha, ashaSynced, Api.status("success"), java.time.Duration.ofSeconds(60));
        shared.api().awaitWrite(ravi, raviWrite, Api.status("success"), java.time.Duration.ofSeconds(60));
    }

    @Test
    void everyHostileRequestIsRefusedWithAProblemAndChangesNothing() throws Exception {
        List<Case> corpus = corpus();
        Map<String, Long> before = counts();
        Map<String, Object> ravisBefore = shared.api().write(ravi, raviWrite).json();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byEndpoint = new TreeMap<>();
        for (Case c : corpus) {
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
        Map<String, Long> after = counts();
        Map<String, Object> ravisAfter = shared.api().write(ravi, raviWrite).json();
        List<Map<String, Object>> ashasWrites = shared.api().writes(asha);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("hostile requests tried", corpus.size());
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

    private String judge(Case c, Http.Answer answer) {
        String text = answer.text() == null ? "" : answer.text();
        for (String telltale : TELLTALES) {
            if (text.contains(telltale)) {
                return "the answer shows '" + telltale + "': " + answer;
            }
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

    /** The endpoint as the controllers name it: ids become {id}, queries go. */
    private static String template(String endpoint) {
        String path = endpoint.replaceFirst("\\?.*$", "");
        return path.replaceFirst("^(/api/v1/offline-writes/)(?!batch$)[^/]+", "$1{id}")
                .replaceFirst("^(/api/v1/cache/)[^/]+", "$1{routeKey}");
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("domainevententry", "write_view", "persisted_client", "query_cache_entry",
                "care_credential", "write_base")) {
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
        return cases;
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

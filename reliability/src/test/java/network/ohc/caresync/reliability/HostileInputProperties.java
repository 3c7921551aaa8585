package network.ohc.caresync.reliability;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import network.ohc.caresync.reliability.support.Api;
import network.ohc.caresync.reliability.support.Http;
import network.ohc.caresync.reliability.support.Results;
import network.ohc.caresync.reliability.support.SharedNode;
import network.ohc.caresync.reliability.support.Workload;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated input against a running care-sync (jqwik): arbitrary JSON as a write, a valid write with one field
 * replaced by arbitrary JSON, arbitrary list parameters. Never a 5xx or a stack trace; a refusal is a 4xx problem
 * detail; what is accepted becomes visible in the views (a write the views could not take stopped them before).
 * Tries per property: {@code jqwik.tries.default}, which the build sets by size (250, full 2,500).
 */
class HostileInputProperties {

    private static final List<String> TELLTALES = List.of("Exception", "\tat ", "org.springframework",
            "org.postgresql", "PSQL", "org.axonframework");
    private static final List<String> FIELDS = List.of("id", "userId", "deviceId", "syncrouteKey", "type",
            "resourceType", "pathParams", "payload", "parentMutationIds", "clientTimestamp", "serverTimestamp",
            "queryrouteKey", "queryParams", "basePayload", "payload.name", "payload.gender", "payload.phone_number",
            "payload.address", "payload.date_of_birth", "payload.identifiers");
    private static final Map<String, AtomicInteger> TRIED = new ConcurrentHashMap<>();
    private static final Map<Integer, AtomicInteger> STATUSES = new ConcurrentHashMap<>();
    private static final Set<String> ACCEPTED = ConcurrentHashMap.newKeySet();

    private final SharedNode shared = SharedNode.get();
    private final Api.Session meena = shared.session("nurse.meena", "properties");

    @Property
    void arbitraryJsonAsAWriteIsRefusedWithAProblem(@ForAll("json") Object body) throws IOException {
        Http.Answer answer = shared.api().http().post("/api/v1/offline-writes", meena.token(), body);
        count("arbitrary JSON as a write", answer);
        assertRefused(answer);
    }

    @Property
    void aWriteWithOneFieldReplacedIsAcceptedWhole(@ForAll("fields") String field, @ForAll("json") Object value)
            throws IOException {
        Map<String, Object> write = Workload.createPatient(Workload.newId(), meena.userId(), "Generated");
        replace(write, field, value);
        Http.Answer answer = shared.api().http().post("/api/v1/offline-writes", meena.token(), write);
        count("a valid write with one field replaced", answer);
        if (answer.status() == 202 || answer.status() == 200) {
            ACCEPTED.add((String) write.get("id"));
            assertVisible((String) write.get("id"));
        } else {
            assertRefused(answer);
        }
    }

    @Property
    void listParametersNeverBreakTheList(@ForAll("parameter") String page, @ForAll("parameter") String size,
                                         @ForAll("parameter") String status) throws IOException {
        String query = "page=" + encode(page) + "&size=" + encode(size) + "&status=" + encode(status);
        Http.Answer answer = shared.api().http().get("/api/v1/offline-writes?" + query, meena.token());
        count("list parameters", answer);
        if (answer.status() != 200) {
            assertRefused(answer);
        }
    }

    @AfterContainer
    static void report() {
        Map<String, Object> figures = new LinkedHashMap<>();
        Map<String, Integer> tried = new TreeMap<>();
        TRIED.forEach((k, v) -> tried.put(k, v.get()));
        Map<Integer, Integer> statuses = new TreeMap<>();
        STATUSES.forEach((k, v) -> statuses.put(k, v.get()));
        figures.put("generated requests", tried.values().stream().mapToInt(Integer::intValue).sum());
        figures.put("by property", tried);
        figures.put("answers by status", statuses);
        figures.put("writes accepted (each then seen in the views)", ACCEPTED.size());
        Results.record("generated input (jqwik)", figures);
        // the accepted writes carry the marker in their names: none may reach the log (this engine may run after
        // the Jupiter scenarios' own log check)
        List<String> leaked = network.ohc.caresync.reliability.support.Logs.grep(
                SharedNode.get().node().logFiles(), Workload.MARKER);
        assertThat(leaked).as("patient data in care-sync's log").isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ checks

    private static void count(String property, Http.Answer answer) {
        TRIED.computeIfAbsent(property, k -> new AtomicInteger()).incrementAndGet();
        STATUSES.computeIfAbsent(answer.status(), k -> new AtomicInteger()).incrementAndGet();
    }

    private static void assertRefused(Http.Answer answer) {
        assertThat(answer.status()).as("%s", answer).isBetween(400, 499);
        assertThat(answer.contentType()).as("%s", answer).contains("application/problem+json");
        String text = answer.text() == null ? "" : answer.text();
        assertThat(TELLTALES).as("%s", answer).noneMatch(text::contains);
    }

    private void assertVisible(String id) {
        Instant deadline = Instant.now().plusSeconds(20);
        Object last = null;
        while (Instant.now().isBefore(deadline)) {
            Http.Answer answer = shared.api().write(meena, id);
            last = answer;
            if (answer.status() == 200 && !Boolean.TRUE.equals(answer.json().get("catchingUp"))) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("accepted write " + id + " never reached the views; last seen " + last);
    }

    @SuppressWarnings("unchecked")
    private static void replace(Map<String, Object> write, String field, Object value) {
        if (field.startsWith("payload.")) {
            Map<String, Object> payload = new LinkedHashMap<>((Map<String, Object>) write.get("payload"));
            payload.put(field.substring("payload.".length()), value);
            write.put("payload", payload);
        } else {
            write.put(field, value);
        }
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------ generators

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of(FIELDS);
    }

    @Provide
    Arbitrary<String> parameter() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("pending", "success,failed", "in_doubt", "-1", "0", "500", "501", "1e3", "", "NaN",
                        "' OR 1=1--"));
    }

    @Provide
    Arbitrary<Object> json() {
        return value(3);
    }

    private Arbitrary<Object> value(int depth) {
        List<Arbitrary<?>> choices = new ArrayList<>(List.of(
                text(),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(),
                        java.math.BigInteger.TEN.pow(30)).map(b -> (Object) b),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null)));
        if (depth > 0) {
            choices.add(value(depth - 1).list().ofMaxSize(4).map(l -> (Object) l));
            choices.add(Arbitraries.maps(key(), value(depth - 1)).ofMaxSize(4).map(m -> (Object) m));
        }
        @SuppressWarnings("unchecked")
        Arbitrary<Object>[] all = choices.toArray(Arbitrary[]::new);
        return Arbitraries.oneOf(List.of(all));
    }

    private static Arbitrary<String> key() {
        return Arbitraries.oneOf(Arbitraries.of(FIELDS.stream().filter(f -> !f.contains(".")).toList()),
                Arbitraries.of("name", "gender", "phone_number", "geo_organization", "__proto__", "constructor"),
                text());
    }

    /** Strings of every kind: empty, long, any code point, NUL, lone surrogates, ids, injections. */
    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(5),
                Arbitraries.strings().withCharRange('\ud800', '\udfff').ofMaxLength(3),
                Arbitraries.strings().alpha().numeric().ofMinLength(200).ofMaxLength(2000),
                Arbitraries.of("", " ", "offline-" + java.util.UUID.randomUUID(), java.util.UUID.randomUUID().toString(),
                        "'; DROP TABLE write_view; --", "${jndi:ldap://x/a}", "{{7*7}}", "<script>alert(1)</script>",
                        "\u202eevil", "\ufeff", "e\u0301", "👩‍⚕️", "create_patient", "getPatient", "+919876543210",
                        "2025-10-01T09:14:03.123456Z", "1990-04-12", "female"));
    }
}

package network.ohc.caresync.reliability.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Everything a scenario handed over, and the checks that end every scenario: each write ends synced or rests in a
 * visible non-success state with its reason, nothing acknowledged is lost, nothing was applied upstream twice, each
 * synced write exactly once, the simulator holds each created record once and never a temporary id.
 */
public final class Ledger {

    /** Routes whose in-doubt attempts care-sync can settle by itself (a lookup, or a look at the record). */
    private static final Set<String> SELF_SETTLING = Set.of("create_patient", "create_encounter", "update_patient");

    private final Map<String, Map<String, Object>> writes = new LinkedHashMap<>();
    private final Map<String, Api.Session> owners = new HashMap<>();
    private final Set<String> acknowledged = new HashSet<>();
    private Supplier<String> diagnostics = () -> "";

    /** What to add to a failure message (the state of the database, say). */
    public Ledger diagnostics(Supplier<String> diagnostics) {
        this.diagnostics = diagnostics;
        return this;
    }

    public synchronized void add(Api.Session session, List<Map<String, Object>> handedOver) {
        for (Map<String, Object> write : handedOver) {
            writes.put((String) write.get("id"), write);
            owners.put((String) write.get("id"), session);
        }
    }

    public synchronized void acknowledged(Set<String> ids) {
        acknowledged.addAll(ids);
    }

    public synchronized int size() {
        return writes.size();
    }

    public synchronized Set<String> ids() {
        return new HashSet<>(writes.keySet());
    }

    public String route(String id) {
        return (String) writes.get(id).get("syncrouteKey");
    }

    /**
     * Whether a write's state is final until a person acts (or, for auth_required, signs in). A write held back by a
     * failed parent rests only while its parents do: one whose parent has since synced is about to go on (taking it
     * for settled let two questionnaires reach CARE between the checks' reads).
     */
    public boolean rests(Map<String, Object> view, Map<String, Map<String, Object>> views) {
        String status = (String) view.get("syncStatus");
        return switch (status) {
            case "discarded", "conflict" -> true;
            case "success" -> true;
            case "failed" -> !Boolean.TRUE.equals(view.get("retryable"));
            case "in_doubt" -> !SELF_SETTLING.contains((String) view.get("syncrouteKey"));
            case "blocked" -> switch (String.valueOf(view.get("blockReason"))) {
                case "auth_required" -> true;
                case "parent_failed" -> parentsRest(view, views);
                default -> false;
            };
            default -> false;
        };
    }

    @SuppressWarnings("unchecked")
    private boolean parentsRest(Map<String, Object> view, Map<String, Map<String, Object>> views) {
        for (Object parent : (List<Object>) view.getOrDefault("blockedBy", List.of())) {
            Map<String, Object> p = views.get((String) parent);
            if (p == null || "success".equals(p.get("syncStatus")) || !rests(p, views)) {
                return false;
            }
        }
        return true;
    }

    /** Waits until every write rests; the writes as the API shows them. */
    public Map<String, Map<String, Object>> awaitSettled(Supplier<Api> api, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Map<String, Object>> views = Map.of();
        while (true) {
            try {
                views = views(api.get());
                Map<String, Map<String, Object>> seen = views;
                if (views.keySet().containsAll(writes.keySet())
                        && views.values().stream().allMatch(v -> rests(v, seen))) {
                    return views;
                }
            } catch (RuntimeException notNow) {
                // the node may be restarting
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("writes did not settle within " + timeout + ": " + byStatus(views)
                        + "; not listed: " + notListed(views)
                        + "; e.g. " + unsettled(views)
                        + "\n" + diagnostics.get());
            }
            Processes.sleep(1000);
        }
    }

    private List<Map<String, Object>> unsettled(Map<String, Map<String, Object>> views) {
        return views.values().stream().filter(v -> !rests(v, views)).limit(3).toList();
    }

    private long notListed(Map<String, Map<String, Object>> views) {
        return writes.keySet().stream().filter(id -> !views.containsKey(id)).count();
    }

    /** The scenario's writes as their users see them through the API. */
    public Map<String, Map<String, Object>> views(Api api) {
        Map<String, Map<String, Object>> views = new HashMap<>();
        for (Api.Session session : new HashSet<>(owners.values())) {
            for (Map<String, Object> view : api.writes(session)) {
                if (writes.containsKey((String) view.get("id"))) {
                    views.put((String) view.get("id"), view);
                }
            }
        }
        return views;
    }

    public static Map<String, Long> byStatus(Map<String, Map<String, Object>> views) {
        Map<String, Long> counts = new TreeMap<>();
        views.values().forEach(v -> counts.merge(v.get("syncStatus") + (v.get("blockReason") == null ? ""
                : "/" + v.get("blockReason")), 1L, Long::sum));
        return counts;
    }

    /**
     * The checks every scenario ends with; returns figures. Failures are collected and thrown together, so one run
     * shows everything that went wrong.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> verify(Map<String, Map<String, Object>> views, Simulator simulator) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> applied = simulator.applied();
        Map<String, Object> addresses = new HashMap<>();
        simulator.records("patient").forEach(p -> addresses.put((String) p.get("id"), p.get("address")));
        for (String id : acknowledged) {
            if (!views.containsKey(id)) {
                problems.add("acknowledged write " + id + " is lost");
            }
        }
        int synced = 0;
        for (var entry : writes.entrySet()) {
            String id = entry.getKey();
            Map<String, Object> view = views.get(id);
            if (view == null) {
                continue;
            }
            String status = (String) view.get("syncStatus");
            int times = applied.getOrDefault(id, 0);
            if (times > 1) {
                problems.add(route(id) + " " + id + " was applied upstream " + times + " times");
            }
            switch (status) {
                case "success" -> {
                    synced++;
                    if (times != 1) {
                        problems.add(route(id) + " " + id + " is synced but was applied " + times + " times");
                    }
                }
                case "failed", "in_doubt" -> {
                    if (view.get("lastError") == null) {
                        problems.add(status + " write " + id + " shows no reason");
                    }
                }
                case "blocked" -> {
                    if (view.get("blockReason") == null) {
                        problems.add("blocked write " + id + " shows no reason");
                    }
                }
                case "conflict" -> {
                    if (view.get("conflictData") == null) {
                        problems.add("conflict " + id + " shows no server data");
                    }
                }
                default -> {
                    if (!rests(view, views)) {
                        problems.add("write " + id + " is still " + status);
                    }
                }
            }
            if ("success".equals(status) && "update_patient".equals(route(id))) {
                Object expected = ((Map<String, Object>) entry.getValue().get("payload")).get("address");
                String patientId = (String) view.get("realId");
                if (!expected.equals(addresses.get(patientId))) {
                    problems.add("synced update " + id + " is not what patient " + patientId + " holds");
                }
            }
        }
        Map<String, Object> stats = simulator.stats();
        Number duplicates = (Number) stats.get("duplicateApplies");
        if (duplicates != null && duplicates.intValue() != 0) {
            problems.add("the simulator counted " + duplicates + " duplicate applies");
        }
        checkRecords(simulator, applied, views, problems);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("writes handed over", writes.size());
        figures.put("acknowledged", acknowledged.size());
        figures.put("final states", byStatus(views));
        figures.put("synced", synced);
        figures.put("applied upstream", applied.entrySet().stream().filter(e -> writes.containsKey(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum());
        figures.put("applied twice", applied.entrySet().stream().filter(e -> writes.containsKey(e.getKey())
                && e.getValue() > 1).count());
        figures.put("simulator duplicateApplies", duplicates);
        figures.put("simulator created", stats.get("created"));
        figures.put("problems", problems.size());
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " problems: " + String.join("\n", problems.subList(0,
                    Math.min(40, problems.size()))) + "\nfigures: " + figures);
        }
        return figures;
    }

    @SuppressWarnings("unchecked")
    private void checkRecords(Simulator simulator, Map<String, Integer> applied,
                              Map<String, Map<String, Object>> views, List<String> problems) {
        Map<String, Integer> expected = new HashMap<>();
        writes.forEach((id, write) -> expected.merge(route(id), applied.getOrDefault(id, 0), Integer::sum));
        List<Map<String, Object>> patients = simulator.records("patient");
        List<Map<String, Object>> encounters = simulator.records("encounter");
        List<Map<String, Object>> symptoms = simulator.records("symptom");
        compare("patients", patients.size(), expected.getOrDefault("create_patient", 0), problems);
        compare("encounters", encounters.size(), expected.getOrDefault("create_encounter", 0), problems);
        compare("symptoms", symptoms.size(), expected.getOrDefault("symptom", 0), problems);
        Set<String> names = new HashSet<>();
        Set<String> patientIds = new HashSet<>();
        for (Map<String, Object> p : patients) {
            patientIds.add((String) p.get("id"));
            if (!names.add((String) p.get("name"))) {
                problems.add("patient created twice: " + p.get("id"));
            }
        }
        Set<String> externalIds = new HashSet<>();
        for (Map<String, Object> e : encounters) {
            Object patient = e.get("patient") instanceof Map<?, ?> m ? m.get("id") : e.get("patient");
            if (!patientIds.contains(patient)) {
                problems.add("encounter " + e.get("id") + " names patient " + patient + ", which CARE does not hold");
            }
            if (!externalIds.add(String.valueOf(e.get("external_identifier")))) {
                problems.add("encounter created twice: " + e.get("external_identifier"));
            }
        }
        for (var entry : views.entrySet()) {
            Map<String, Object> view = entry.getValue();
            if ("success".equals(view.get("syncStatus")) && "create_patient".equals(view.get("syncrouteKey"))
                    && !patientIds.contains(view.get("realId"))) {
                problems.add("synced patient " + entry.getKey() + " has real id " + view.get("realId")
                        + ", which CARE does not hold");
            }
        }
        for (List<Map<String, Object>> records : List.of(patients, encounters, symptoms)) {
            for (Map<String, Object> record : records) {
                if (record.toString().contains("offline-")) {
                    problems.add("a temporary id reached CARE: record " + record.get("id"));
                }
            }
        }
    }

    private static void compare(String what, int held, int applied, List<String> problems) {
        if (held != applied) {
            problems.add("the simulator holds " + held + " " + what + " but applied " + applied + " creates");
        }
    }
}

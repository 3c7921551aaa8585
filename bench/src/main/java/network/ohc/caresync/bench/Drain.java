package network.ohc.caresync.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A drain after an outage: writes from many users handed over while CARE is offline (40% patient creates, 30%
 * encounters that are children of those creates, 30% updates with a conflict check of patients CARE already has),
 * then CARE comes back with 20 ms added to every request, optionally with faults. Timed from the moment care-sync
 * sees CARE online to the moment the last write is recorded as synced; checked against the simulator's counters.
 */
final class Drain {

    static final int LATENCY_MS = 20;
    private static final int BATCH = 100;
    private static final Duration STALL = Duration.ofMinutes(3);

    /** What a drain found. */
    record Outcome(int writes, double seconds, double boundSeconds, long duplicates, long lost, boolean complete,
                   Map<String, Object> figures) {

        double ratio() {
            return seconds / boundSeconds;
        }
    }

    private record Planned(String id, String route) {
    }

    private final Stage stage;

    Drain(Stage stage) {
        this.stage = stage;
    }

    Outcome run(String name, int writes, int users, boolean faults) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("writes", writes);
        figures.put("users", users);
        figures.put("faults", faults ? "1% of requests answered 503 (not applied), 1% of applied mutations lose "
                + "their answer" : "none");
        figures.put("addedLatencyMs", LATENCY_MS);
        figures.put("loadBefore", Stage.load());
        try (CareSync careSync = stage.careSync(name)) {
            List<CareSync.Session> sessions = stage.signIn(careSync, users);
            CareSync.Session admin = stage.admin(careSync);

            // patients CARE already has, for the updates: one per update, made by the user who updates it
            int[] perUser = split(writes, users);
            List<List<String[]>> existing = Stage.parallel(8, users, u -> existingPatients(u, updatesOf(perUser[u])));
            Set<String> existingIds = new HashSet<>();
            existing.forEach(list -> list.forEach(p -> existingIds.add(p[0])));

            stage.goOffline(careSync, admin);
            long handOverStarted = System.nanoTime();
            List<List<Planned>> planned = Stage.parallel(8, users,
                    u -> handOver(careSync, sessions.get(u), perUser[u], existing.get(u)));
            double handOverSeconds = (System.nanoTime() - handOverStarted) / 1e9;
            List<Planned> all = planned.stream().flatMap(List::stream).toList();
            figures.put("handOverSeconds", Report.round(handOverSeconds));
            figures.put("handOverWritesPerSecond", Report.round(writes / handOverSeconds));
            figures.put("viewsCaughtUpSeconds", Report.round(stage.awaitProjected(careSync, admin, writes,
                    Duration.ofHours(1)).toMillis() / 1000.0));

            Map<String, Object> before = stage.simulator.stats();
            Map<String, Object> online = new LinkedHashMap<>();
            online.put("offline", false);
            online.put("latencyMs", LATENCY_MS);
            online.put("errorRate", faults ? 0.01 : 0.0);
            online.put("errorStatus", 503);
            online.put("dropAfterApplyRate", faults ? 0.01 : 0.0);
            double[] loadAtStart = Stage.load();
            CpuUse cpu = CpuUse.start(careSync, stage.simulator);
            System.out.printf("  %s CARE back online%n", java.time.LocalTime.now().withNano(0));
            long cameBack = System.currentTimeMillis();
            stage.simulator.faults(online);
            long seenOnline = stage.awaitUpstream(careSync, admin, "online");
            List<long[]> progress = new ArrayList<>();
            Map<Stage.Status, Long> counts = awaitSynced(careSync, admin, writes, cameBack, progress);
            long lastSynced = lastSyncedAt(careSync, cameBack);
            double[] loadAtEnd = Stage.load();
            Map<String, Object> cpuUse = cpu.stop();
            stage.simulator.faults(Map.of("latencyMs", 0, "errorRate", 0.0, "dropAfterApplyRate", 0.0));

            Map<String, Object> after = stage.simulator.stats();
            Map<String, Number> applied = stage.simulator.applied();
            long duplicates = 0;
            long lost = 0;
            for (Planned write : all) {
                Number times = applied.get(write.id());
                if (times == null || times.longValue() == 0) {
                    lost++;
                } else if (times.longValue() > 1) {
                    duplicates++;
                }
            }
            long creates = all.stream().filter(w -> w.route().equals("create_patient")).count();
            long encounters = all.stream().filter(w -> w.route().equals("create_encounter")).count();
            long updates = all.size() - creates - encounters;
            long requests = creates + encounters + 2 * updates;
            double bound = Math.max(requests / (double) stage.options.maxInFlight(), 2) * LATENCY_MS / 1000.0;
            double seconds = (lastSynced - seenOnline) / 1000.0;

            figures.put("mix", Map.of("patientCreates", creates, "encounterCreates", encounters,
                    "patientUpdates", updates));
            figures.put("upstreamRequestsNeeded", requests);
            figures.put("upstreamRequestsMade", delta(after, before, "requestsTotal"));
            figures.put("boundSeconds", Report.round(bound));
            figures.put("detectionSeconds", Report.round((seenOnline - cameBack) / 1000.0));
            figures.put("drainSeconds", Report.round(seconds));
            figures.put("drainRatio", Report.round(seconds / bound));
            figures.put("totalSecondsFromCareBack", Report.round((lastSynced - cameBack) / 1000.0));
            figures.put("writesPerSecond", Report.round(writes / seconds));
            figures.put("finalCounts", stringKeys(counts));
            figures.put("duplicates", duplicates);
            figures.put("duplicateAppliesCounter", delta(after, before, "duplicateApplies"));
            figures.put("lost", lost);
            figures.put("createdUpstream", Map.of("patient", nested(after, before, "created", "patient"),
                    "encounter", nested(after, before, "created", "encounter")));
            figures.put("updatedUpstream", Map.of("patient", nested(after, before, "updated", "patient")));
            figures.put("injectedErrors", delta(after, before, "injectedErrors"));
            figures.put("droppedAfterApply", delta(after, before, "droppedAfterApply"));
            if (writes <= 20_000) {
                figures.put("encountersOnTheirOwnNewPatient", encountersOnNewPatients(existingIds));
            }
            figures.put("cpu", cpuUse);
            figures.put("progressColumns", "seconds since CARE came back, synced, pending, blocked, in flight");
            figures.put("progress", progress);
            figures.put("careSyncCpuMsPerWrite", Report.round(((Number) cpuUse.getOrDefault("careSyncCpuSeconds", 0))
                    .doubleValue() * 1000 / writes));
            figures.put("loadAtStart", loadAtStart);
            figures.put("loadAtEnd", loadAtEnd);
            boolean complete = counts.get(Stage.Status.success) == writes;
            System.out.printf("  %-24s %7d writes  drain %8s s  bound %7s s  ratio %6s  duplicates %d  lost %d%s"
                    + "%n  cpu %s%n", name, writes, Report.number(seconds), Report.number(bound),
                    Report.number(seconds / bound), duplicates, lost, complete ? "" : "  INCOMPLETE " + counts, cpuUse);
            return new Outcome(writes, seconds, bound, duplicates + delta(after, before, "duplicateApplies"), lost,
                    complete, figures);
        }
    }

    static int[] split(int writes, int users) {
        int[] perUser = new int[users];
        for (int u = 0; u < users; u++) {
            perUser[u] = writes / users + (u < writes % users ? 1 : 0);
        }
        return perUser;
    }

    /** As {@link Writes#mix}: what is neither a create nor an encounter is an update. */
    static int updatesOf(int count) {
        int creates = Math.round(count * 0.4f);
        int encounters = Math.min(creates, Math.round(count * 0.3f));
        return count - creates - encounters;
    }

    private List<String[]> existingPatients(int user, int count) {
        List<String[]> patients = new ArrayList<>();
        if (count == 0) {
            return patients;
        }
        String token = stage.simulator.careToken(Simulator.username(user), stage.options.password());
        for (int i = 0; i < count; i++) {
            Map<String, Object> patient = stage.simulator.createPatient(token,
                    Writes.patientPayload("Known Patient " + user + "-" + i));
            patients.add(new String[]{(String) patient.get("id"), (String) patient.get("modified_date")});
        }
        return patients;
    }

    private List<Planned> handOver(CareSync careSync, CareSync.Session session, int count, List<String[]> existing) {
        List<Map<String, Object>> writes = Writes.mix(session.userId(), count,
                existing.isEmpty() ? List.<String[]>of(new String[]{"00000000-0000-4000-8000-000000000000",
                        "2026-11-01T09:14:03.123456Z"}) : existing);
        List<Planned> planned = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += BATCH) {
            List<Map<String, Object>> batch = writes.subList(from, Math.min(writes.size(), from + BATCH));
            Http.Answer answer = careSync.handOverBatch(session.token(), Http.text(batch));
            if (answer.status() != 200 || ((Number) answer.json().get("accepted")).intValue() != batch.size()) {
                throw new IllegalStateException("hand-over of a batch answered " + answer);
            }
            batch.forEach(w -> planned.add(new Planned((String) w.get("id"), (String) w.get("syncrouteKey"))));
        }
        return planned;
    }

    /**
     * Polls the views until every write is synced, or nothing has moved for a while; the last counts. Every second
     * it notes the progress: seconds since CARE came back, then writes synced, pending, blocked and in flight.
     */
    private Map<Stage.Status, Long> awaitSynced(CareSync careSync, CareSync.Session admin, int writes,
                                                long cameBack, List<long[]> progress) {
        Map<Stage.Status, Long> counts = stage.counts(careSync, admin);
        long lastChange = System.nanoTime();
        long nextNote = 0;
        Map<Stage.Status, Long> last = counts;
        while (counts.get(Stage.Status.success) < writes) {
            JavaProcess.sleep(500);
            counts = stage.counts(careSync, admin);
            long elapsed = System.currentTimeMillis() - cameBack;
            if (elapsed >= nextNote) {
                progress.add(new long[]{elapsed / 1000, counts.get(Stage.Status.success),
                        counts.get(Stage.Status.pending), counts.get(Stage.Status.blocked),
                        counts.get(Stage.Status.in_flight)});
                nextNote = elapsed - elapsed % 1000 + 1000;
            }
            if (!counts.equals(last)) {
                last = counts;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL.toNanos()) {
                System.out.println("  drain stalled: " + counts);
                break;
            }
        }
        return counts;
    }

    /** When care-sync recorded the last success (its own clock), or now when it cannot say. */
    private static long lastSyncedAt(CareSync careSync, long fallbackFrom) {
        if (careSync.jdbcUrl() == null) {
            return System.currentTimeMillis();
        }
        try (var c = careSync.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT max(updated_at) FROM write_view WHERE status = 'success'")) {
            rs.next();
            var at = rs.getTimestamp(1);
            return at == null ? fallbackFrom : at.getTime();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Encounters whose patient is one care-sync created (its temporary id was replaced by the real one). */
    @SuppressWarnings("unchecked")
    private long encountersOnNewPatients(Set<String> existingIds) {
        Set<String> patients = new HashSet<>();
        for (Map<String, Object> patient : stage.simulator.records("patient")) {
            if (!existingIds.contains((String) patient.get("id"))) {
                patients.add((String) patient.get("id"));
            }
        }
        long linked = 0;
        for (Map<String, Object> encounter : stage.simulator.records("encounter")) {
            Object patient = encounter.get("patient");
            Object id = patient instanceof Map<?, ?> p ? p.get("id") : patient;
            if (patients.contains(String.valueOf(id))) {
                linked++;
            }
        }
        return linked;
    }

    private static long delta(Map<String, Object> after, Map<String, Object> before, String key) {
        return number(after.get(key)) - number(before.get(key));
    }

    private static long nested(Map<String, Object> after, Map<String, Object> before, String group, String key) {
        return number(((Map<?, ?>) after.get(group)).get(key)) - number(((Map<?, ?>) before.get(group)).get(key));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static Map<String, Long> stringKeys(Map<Stage.Status, Long> counts) {
        Map<String, Long> map = new LinkedHashMap<>();
        counts.forEach((k, v) -> map.put(k.name(), v));
        return map;
    }
}

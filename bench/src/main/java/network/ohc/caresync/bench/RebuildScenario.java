package network.ohc.caresync.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 3, projection rebuild: events per second replaying the projections from the first event. The events are
 * made through the API (batches handed over while CARE is offline), then copied by SQL under new write ids up to the
 * size wanted. The replay is started by the admin endpoint
 * {@code POST /api/v1/admin/projections/{name}/rebuild} where care-sync has it; otherwise care-sync is stopped, the
 * projections' tokens are deleted and their tables emptied by SQL, and care-sync is started again.
 */
final class RebuildScenario {

    static final String NAME = "rebuild";
    // one processor keeps the write views, the auditors' index and the write bases (before, three processors did)
    static final List<String> PROJECTIONS = List.of("write-views");
    private static final int BATCH = 500;
    private static final Pattern EMBEDDED_PORT = Pattern.compile("embedded PostgreSQL started on port (\\d+)");

    private final Stage stage;

    RebuildScenario(Stage stage) {
        this.stage = stage;
    }

    void run() throws SQLException {
        if (!stage.options.managed()) {
            stage.report.scenario(NAME).put("skipped", "needs a care-sync the harness starts (restart and database)");
            return;
        }
        int target = stage.options.rebuildEvents();
        Map<String, Object> figures = stage.report.scenario(NAME);
        List<String> notes = new ArrayList<>();
        figures.put("notes", notes);
        CareSync careSync = stage.careSync(NAME);
        try {
            List<CareSync.Session> devices = stage.signIn(careSync, Math.min(8, stage.userCount()));
            CareSync.Session admin = stage.admin(careSync);
            stage.goOffline(careSync, admin);

            // events through the API (batches of the scenario mix while CARE is offline), then copies of those
            // writes' events by SQL until the store holds enough: the API alone would take most of an hour
            long started = System.nanoTime();
            long apiWrites = Math.max(BATCH, target / 20);
            Backlog.handOver(careSync, devices, apiWrites, BATCH);
            long apiEvents = head(careSync);
            figures.put("writesThroughApi", apiWrites);
            figures.put("eventsThroughApi", apiEvents);
            figures.put("apiSeconds", Report.round((System.nanoTime() - started) / 1e9));
            long copies = 0;
            long events = apiEvents;
            while (events < target) {
                copies++;
                events = copyEvents(careSync, apiWrites);
                System.out.printf("  copy %d: %,d events%n", copies, events);
            }
            long writes = apiWrites * (copies + 1);
            figures.put("copies", copies);
            figures.put("writes", writes);
            figures.put("events", events);
            figures.put("generateSeconds", Report.round((System.nanoTime() - started) / 1e9));
            figures.put("viewsCaughtUpSeconds", Report.round(stage.awaitProjected(careSync, admin, writes,
                    Duration.ofHours(3)).toMillis() / 1000.0));
            figures.put("processorsCaughtUpSeconds", Report.round(awaitProcessorsAt(careSync, head(careSync))));
            figures.put("eventsByType", eventsByType(careSync));
            notes.add(String.format("%,d events: %,d writes handed over through the API in batches of %d by %d devices "
                    + "while CARE was offline (%,d events), then their events copied %d times by SQL under new write "
                    + "ids (payloads, metadata and order kept).", events, apiWrites, BATCH, devices.size(), apiEvents,
                    copies));
            notes.add("viewsCaughtUpSeconds: the projections (and sagas) processing the copies as new events, before "
                    + "the rebuild is timed.");

            figures.put("loadBefore", Stage.load());
            Map<String, Object> replay = endpointAvailable(careSync, admin)
                    ? viaEndpoint(careSync, admin, events, notes)
                    : viaSql(careSync, events, notes);
            careSync = (CareSync) replay.remove("careSync");
            figures.put("replay", replay);
            figures.put("loadAfter", Stage.load());
            double perSecond = ((Number) replay.get("eventsPerSecond")).doubleValue();
            stage.report.atLeast(NAME, "replay of " + Report.number(events) + " events", perSecond, "events/s",
                    20_000, String.valueOf(replay.get("how")));
            System.out.printf("  replayed %,d events at %s events/s%n", events, Report.number(perSecond));
        } finally {
            careSync.close();
        }
    }

    private static boolean endpointAvailable(CareSync careSync, CareSync.Session admin) {
        return careSync.http().get("/api/v1/admin/projections", admin.token()).status() == 200;
    }

    private Map<String, Object> viaEndpoint(CareSync careSync, CareSync.Session admin, long events,
                                            List<String> notes) {
        notes.add("Replay started with POST /api/v1/admin/projections/{name}/rebuild for every projection at once, "
                + "timed until GET of the same path shows each at the head and no longer replaying.");
        Map<String, Object> replay = new LinkedHashMap<>();
        Map<?, ?> listed = careSync.http().get("/api/v1/admin/projections", admin.token()).json();
        List<String> names = new ArrayList<>();
        for (Object p : (List<?>) listed.get("projections")) {
            names.add(String.valueOf(((Map<?, ?>) p).get("name")));
        }
        CpuUse cpu = CpuUse.start(careSync, stage.simulator);
        long started = System.nanoTime();
        for (String name : names) {
            Http.Answer answer = careSync.http().post("/api/v1/admin/projections/" + name + "/rebuild",
                    admin.token(), Map.of());
            if (answer.status() != 202) {
                throw new IllegalStateException("rebuild of " + name + " answered " + answer);
            }
        }
        for (String name : names) {
            while (true) {
                Map<String, Object> progress = careSync.http().get("/api/v1/admin/projections/" + name,
                        admin.token()).json();
                if (progress.get("error") != null) {
                    throw new IllegalStateException("rebuild of " + name + " failed: " + progress.get("error"));
                }
                if (!Boolean.TRUE.equals(progress.get("replaying"))
                        && ((Number) progress.get("position")).longValue()
                        >= Math.max(events, ((Number) progress.get("head")).longValue())) {
                    break;
                }
                JavaProcess.sleep(100);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> used = cpu.stop();
        replay.put("how", "admin endpoint");
        replay.put("projections", names);
        replay.put("seconds", Report.round(seconds));
        replay.put("eventsPerSecond", Report.round(events / seconds));
        // where a replayed event's time goes: processor time of each side, the rest is waiting on the other
        replay.put("cpu", used);
        for (String side : List.of("careSync", "postgres")) {
            if (used.get(side + "CpuSeconds") instanceof Number n) {
                replay.put(side + "CpuMsPerEvent", Report.round(n.doubleValue() * 1000 / events));
            }
        }
        replay.put("wallMsPerEvent", Report.round(seconds * 1000 / events));
        replay.put("careSync", careSync);
        return replay;
    }

    private Map<String, Object> viaSql(CareSync careSync, long events, List<String> notes) throws SQLException {
        notes.add("care-sync has no rebuild endpoint yet: care-sync was stopped, the tokens of " + PROJECTIONS
                + " deleted and write_view emptied by SQL, and care-sync started again; timed from the "
                + "first projected row to every segment's token at the head (start-up time given apart).");
        careSync.close();
        Path data = stage.dataDir(NAME);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data.resolve("pgdata"))
                .setCleanDataDirectory(false).start();
             Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM tokenentry WHERE processorname IN ('write-views')");
            s.execute("TRUNCATE write_view");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open care-sync's database to reset the projections", e);
        }

        Path log = stage.options.work().resolve("logs").resolve(NAME + "-replay-care-sync.log");
        Replay watch = new Replay(log, events);
        Thread watcher = new Thread(watch, "replay-watch");
        watcher.setDaemon(true);
        long started = System.nanoTime();
        watch.started = started;
        watcher.start();
        CareSync restarted = stage.careSync(NAME + "-replay", data);
        try {
            watcher.join(Duration.ofHours(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (watch.error != null) {
            throw new IllegalStateException("watching the replay failed: " + watch.error);
        }
        if (watch.done == 0) {
            throw new IllegalStateException("the replay did not finish");
        }
        Map<String, Object> replay = new LinkedHashMap<>();
        double seconds = (watch.done - watch.firstRow) / 1e9;
        replay.put("how", "tokens deleted by SQL, care-sync restarted");
        replay.put("projections", PROJECTIONS);
        replay.put("startUpSeconds", Report.round(restarted.startUp().toMillis() / 1000.0));
        replay.put("firstRowAfterSeconds", Report.round((watch.firstRow - started) / 1e9));
        replay.put("seconds", Report.round(seconds));
        replay.put("eventsPerSecond", Report.round(events / seconds));
        replay.put("secondsIncludingStartUp", Report.round((watch.done - started) / 1e9));
        replay.put("rows", watch.rows);
        replay.put("careSync", restarted);
        return replay;
    }

    /** Watches care-sync's database while it starts and replays: first row, and every segment at the head. */
    private static final class Replay implements Runnable {
        private final Path log;
        private final long head;
        volatile long started;
        volatile long firstRow;
        volatile long done;
        volatile long rows;
        volatile String error;

        Replay(Path log, long head) {
            this.log = log;
            this.head = head;
        }

        @Override
        public void run() {
            try {
                String url = null;
                long deadline = System.nanoTime() + Duration.ofHours(2).toNanos();
                while (url == null && System.nanoTime() < deadline) {
                    url = jdbcUrlFrom(log);
                    Thread.sleep(20);
                }
                try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                     Statement s = c.createStatement()) {
                    while (System.nanoTime() < deadline) {
                        long now = System.nanoTime();
                        rows = single(s, "SELECT count(*) FROM write_view");
                        if (firstRow == 0 && rows > 0) {
                            firstRow = now;
                        }
                        if (rows > 0 && lowestToken(s) >= head) {
                            done = System.nanoTime();
                            return;
                        }
                        Thread.sleep(100);
                    }
                }
            } catch (SQLException e) {
                error = e.toString();
            } catch (InterruptedException e) {
                error = "interrupted";
            }
        }

        private static String jdbcUrlFrom(Path log) {
            try {
                if (!Files.exists(log)) {
                    return null;
                }
                Matcher m = EMBEDDED_PORT.matcher(Files.readString(log));
                String url = null;
                while (m.find()) {
                    url = "jdbc:postgresql://127.0.0.1:" + m.group(1) + "/postgres";
                }
                return url;
            } catch (IOException e) {
                return null;
            }
        }

        /** The lowest position over the projections' segments (-1 while a segment has none, or none exist). */
        private static long lowestToken(Statement s) throws SQLException {
            try (ResultSet rs = s.executeQuery("""
                    SELECT count(*), min(coalesce((convert_from(token, 'UTF8')::jsonb->>'index')::bigint, -1))
                    FROM tokenentry WHERE processorname IN ('write-views')""")) {
                rs.next();
                return rs.getLong(1) == 0 ? -1 : rs.getLong(2);
            }
        }

        private static long single(Statement s, String sql) throws SQLException {
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Copies the events of the first {@code writes} writes (those handed over through the API) under new write ids,
     * each write's events in order; the store's head afterwards.
     */
    private static long copyEvents(CareSync careSync, long writes) throws SQLException {
        try (Connection c = careSync.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    WITH originals AS (
                        SELECT aggregateidentifier AS old FROM domainevententry
                        WHERE sequencenumber = 0 ORDER BY globalindex LIMIT %d
                    ), copies AS (
                        SELECT old, 'offline-' || gen_random_uuid() AS new FROM originals
                    )
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                                  payload, payloadrevision, payloadtype, timestamp)
                    SELECT c.new, e.sequencenumber, e.type, gen_random_uuid()::text, e.metadata,
                           convert_to(replace(convert_from(e.payload, 'UTF8'), c.old, c.new), 'UTF8'),
                           e.payloadrevision, e.payloadtype, e.timestamp
                    FROM copies c JOIN domainevententry e ON e.aggregateidentifier = c.old
                    ORDER BY c.new, e.sequencenumber""".formatted(writes));
        }
        return head(careSync);
    }

    /** Waits until every processor (projections and sagas) has passed the head, so the rebuild runs alone. */
    private static double awaitProcessorsAt(CareSync careSync, long head) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = careSync.connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() - started < Duration.ofHours(2).toNanos()) {
                try (ResultSet rs = s.executeQuery("""
                        SELECT min(coalesce((convert_from(token, 'UTF8')::jsonb->>'index')::bigint, -1))
                        FROM tokenentry""")) {
                    rs.next();
                    if (rs.getLong(1) >= head) {
                        return (System.nanoTime() - started) / 1e9;
                    }
                }
                JavaProcess.sleep(500);
            }
        }
        throw new IllegalStateException("the event processors did not reach event " + head + " within 2 hours");
    }

    private static long head(CareSync careSync) throws SQLException {
        try (Connection c = careSync.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(globalindex), 0) FROM domainevententry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Object> eventsByType(CareSync careSync) throws SQLException {
        Map<String, Object> byType = new LinkedHashMap<>();
        try (Connection c = careSync.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payloadtype, count(*) FROM domainevententry GROUP BY payloadtype "
                     + "ORDER BY count(*) DESC")) {
            while (rs.next()) {
                String type = rs.getString(1);
                byType.put(type.substring(type.lastIndexOf('.') + 1), rs.getLong(2));
            }
        }
        return byType;
    }
}

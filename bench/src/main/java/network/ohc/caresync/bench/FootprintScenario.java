package network.ohc.caresync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 4, footprint: resident memory of care-sync and its embedded PostgreSQL at idle and with a large pending
 * backlog, and the time from process start to {@code /actuator/health} UP on the embedded defaults (first start,
 * which creates the database, and a restart on existing data).
 */
final class FootprintScenario {

    static final String NAME = "footprint";
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final Stage stage;

    FootprintScenario(Stage stage) {
        this.stage = stage;
    }

    void run() {
        if (!stage.options.managed()) {
            stage.report.scenario(NAME).put("skipped", "needs a care-sync the harness starts (its process and database)");
            return;
        }
        int pending = stage.options.size().footprintPending;
        Map<String, Object> figures = stage.report.scenario(NAME);
        List<String> notes = new ArrayList<>();
        figures.put("notes", notes);
        notes.add("Resident memory: the JVM's VmRSS, plus the embedded PostgreSQL's proportional set size (PSS: pages "
                + "shared between the postmaster and its backends counted once); their RSS sum is also given.");
        notes.add("care-sync runs as `java " + String.join(" ", stage.options.careSyncJvmArgs())
                + " -jar care-sync.jar` with " + Options.CARE_SYNC_ENV + " in its environment (unless the harness's "
                + "own sets them): the JVM picks its own heap limit from the machine's memory.");
        figures.put("pendingWrites", pending);
        figures.put("loadBefore", Stage.load());
        CareSync careSync = stage.careSync(NAME);
        try {
            figures.put("startUpFirstSeconds", seconds(careSync.startUp()));
            JavaProcess.sleep(SETTLE.toMillis());
            Map<String, Object> idle = memory(careSync);
            figures.put("idle", idle);

            List<CareSync.Session> devices = stage.signIn(careSync, Math.min(8, stage.userCount()));
            CareSync.Session admin = stage.admin(careSync);
            stage.goOffline(careSync, admin);
            double handOver = Backlog.handOver(careSync, devices, pending, stage.options.size().batchSize);
            figures.put("handOverSeconds", Report.round(handOver));
            stage.awaitProjected(careSync, admin, pending, Duration.ofHours(1));
            JavaProcess.sleep(SETTLE.toMillis());
            Map<String, Object> loaded = memory(careSync);
            figures.put("withPending", loaded);

            careSync.close();
            careSync = stage.careSync(NAME + "-restart", stage.dataDir(NAME));
            figures.put("startUpWithPendingSeconds", seconds(careSync.startUp()));
            JavaProcess.sleep(SETTLE.toMillis());
            figures.put("withPendingAfterRestart", memory(careSync));
            figures.put("loadAfter", Stage.load());

            double totalMb = ((Number) loaded.get("totalMb")).doubleValue();
            stage.report.atMost(NAME, "resident memory with " + Report.number(pending) + " pending", totalMb, "MB",
                    512, "care-sync " + loaded.get("careSyncRssMb") + " MB + PostgreSQL " + loaded.get("postgresPssMb")
                            + " MB; idle " + idle.get("totalMb") + " MB");
            figures.put("startUpNote", "time from process start to /actuator/health UP");
            System.out.printf("  idle %s MB, with %d pending %s MB, start-up %s s (restart with backlog %s s)%n",
                    idle.get("totalMb"), pending, loaded.get("totalMb"), figures.get("startUpFirstSeconds"),
                    figures.get("startUpWithPendingSeconds"));
        } finally {
            careSync.close();
        }
    }

    static Map<String, Object> memory(CareSync careSync) {
        Map<String, Object> memory = new LinkedHashMap<>();
        long javaRss = Machine.rssKb(careSync.pid());
        long pgRss = 0;
        long pgPss = 0;
        int processes = 0;
        Long postmaster = careSync.postmasterPid();
        if (postmaster != null) {
            for (long pid : Machine.withChildren(postmaster)) {
                pgRss += Machine.rssKb(pid);
                pgPss += Machine.pssKb(pid);
                processes++;
            }
        }
        memory.put("careSyncRssMb", mb(javaRss));
        memory.put("careSyncPssMb", mb(Machine.pssKb(careSync.pid())));
        memory.put("postgresProcesses", processes);
        memory.put("postgresRssSumMb", mb(pgRss));
        memory.put("postgresPssMb", mb(pgPss));
        memory.put("totalMb", mb(javaRss + pgPss));
        memory.put("load", Stage.load());
        return memory;
    }

    private static double mb(long kb) {
        return Report.round(kb / 1024.0);
    }

    private static double seconds(Duration duration) {
        return Report.round(duration.toMillis() / 1000.0);
    }
}

package network.ohc.caresync.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1, hand-over: devices handing over single writes, then batches, for a fixed time, each against the same
 * payloads inserted by plain JDBC into a plain table (one transaction per write, and per batch). CARE is offline
 * throughout, as in an outage, so the figures are of hand-over alone and no sync competes for the cores.
 */
final class HandOverScenario {

    static final String NAME = "handover";

    private final Stage stage;

    HandOverScenario(Stage stage) {
        this.stage = stage;
    }

    void run() throws SQLException {
        Size size = stage.options.size();
        Map<String, Object> figures = stage.report.scenario(NAME);
        List<String> notes = new ArrayList<>();
        figures.put("notes", notes);
        figures.put("devices", stage.options.devices());
        figures.put("warmUpSeconds", stage.options.warmUp().toSeconds());
        figures.put("measureSeconds", stage.options.measure().toSeconds());
        figures.put("batchSize", size.batchSize);
        try (CareSync careSync = stage.careSync(NAME)) {
            List<CareSync.Session> devices = stage.signIn(careSync, stage.options.devices());
            CareSync.Session admin = stage.admin(careSync);
            stage.goOffline(careSync, admin);
            try (Baseline baseline = Baseline.on(careSync.jdbcUrl())) {
                figures.put("baselineDatabase", baseline.where());
                figures.put("baselineSettings", baseline.settings());
                notes.add("Baseline: " + baseline.where() + ", table handed_over (id primary key, user_id, body jsonb, "
                        + "received_at); the same JSON each device sends to care-sync.");
                notes.add("CARE (the simulator) is offline during the scenario: hand-over is measured alone.");
                notes.add("baselineSingleDurable: the same single inserts on " + "a PostgreSQL of the harness's own "
                        + "with fsync and synchronous_commit on, for what a durable commit costs on this machine.");

                // single writes: baseline, then care-sync; batches: baseline, then care-sync
                Drive.Result jdbcSingle = phase(careSync, figures, "baselineSingle", () -> jdbcSingle(baseline, devices));
                Drive.Result single = phase(careSync, figures, "careSyncSingle", () -> Drive.run(devices.stream()
                        .map(d -> new HandOverDevices.CareSyncSingle(careSync, d)).toList(), stage.options.warmUp(),
                        stage.options.measure()));
                if (single != null) {
                    figures.put("viewsCaughtUpAfterSingleSeconds", seconds(settle(careSync, admin)));
                }
                Drive.Result durable = null;
                if (stage.options.handOverPhases().contains("baselineSingleDurable")) {
                    try (Baseline flushed = Baseline.durable()) {
                        figures.put("durableBaselineSettings", flushed.settings());
                        durable = phase(careSync, figures, "baselineSingleDurable", () -> jdbcSingle(flushed, devices));
                    }
                }
                Drive.Result jdbcBatch = phase(careSync, figures, "baselineBatch", () -> jdbcBatch(baseline, devices));
                Drive.Result batch = phase(careSync, figures, "careSyncBatch", () -> Drive.run(devices.stream()
                        .map(d -> new HandOverDevices.CareSyncBatch(careSync, d, size.batchSize)).toList(),
                        stage.options.warmUp(), stage.options.measure()));
                if (batch != null) {
                    figures.put("viewsCaughtUpAfterBatchSeconds", seconds(settle(careSync, admin)));
                }

                if (single != null && jdbcSingle != null) {
                    double singleRatio = single.writesPerSecond() / jdbcSingle.writesPerSecond();
                    figures.put("singleRatio", Report.round(singleRatio));
                    stage.report.atLeast(NAME, "single writes ÷ plain-JDBC baseline", singleRatio, "×", 0.5,
                            Report.number(single.writesPerSecond()) + " vs "
                                    + Report.number(jdbcSingle.writesPerSecond()) + " writes/s");
                }
                if (single != null && durable != null) {
                    figures.put("singleRatioToDurableBaseline", Report.round(single.writesPerSecond()
                            / durable.writesPerSecond()));
                }
                if (single != null) {
                    stage.report.atMost(NAME, "single writes p99 at " + stage.options.devices() + " devices",
                            single.latencies().percentileMillis(99), "ms", 50, null);
                }
                if (batch != null) {
                    String baselineNote = jdbcBatch == null ? null : "baseline "
                            + Report.number(jdbcBatch.writesPerSecond()) + " writes/s, ratio "
                            + Report.number(batch.writesPerSecond() / jdbcBatch.writesPerSecond());
                    if (jdbcBatch != null) {
                        figures.put("batchRatio", Report.round(batch.writesPerSecond() / jdbcBatch.writesPerSecond()));
                    }
                    stage.report.atLeast(NAME, "batches of " + size.batchSize + ": writes/s", batch.writesPerSecond(),
                            "writes/s", 3000, baselineNote);
                }
                long failed = (single == null ? 0 : single.failures()) + (batch == null ? 0 : batch.failures());
                stage.report.holds(NAME, "no hand-over failed", failed == 0, failed + " failed");
            }
        }
    }

    interface Measurement {
        Drive.Result run() throws SQLException;
    }

    /** Runs one measurement, unless --handover-phases leaves it out (then null). */
    private Drive.Result phase(CareSync careSync, Map<String, Object> figures, String name, Measurement measurement)
            throws SQLException {
        if (!stage.options.handOverPhases().contains(name)) {
            return null;
        }
        double[] before = Stage.load();
        System.out.printf("  %s %s starts%n", java.time.LocalTime.now().withNano(0), name);
        // processor time is counted over the measured window only (the devices' warm-up left out), so that it can be
        // divided by the writes measured: CPU per write is the figure that holds on a noisy machine
        java.util.concurrent.CompletableFuture<CpuUse> cpu = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture.delayedExecutor(stage.options.warmUp().toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> cpu.complete(CpuUse.start(careSync,
                stage.simulator)));
        Drive.Result result = measurement.run();
        Map<String, Object> map = result.asMap(name.toLowerCase().contains("batch") ? "request" : "write");
        Map<String, Object> used = cpu.join().stop();
        map.put("cpu", used);
        long writes = result.writes();
        if (writes > 0) {
            used.entrySet().stream().filter(e -> e.getKey().endsWith("CpuSeconds")).toList().forEach(e -> map.put(
                    e.getKey().replace("CpuSeconds", "CpuMsPerWrite"),
                    Report.round(((Number) e.getValue()).doubleValue() * 1000 / writes)));
        }
        map.put("loadBefore", before);
        map.put("loadAfter", Stage.load());
        figures.put(name, map);
        System.out.printf("  %-26s %10s writes/s  p50 %8s ms  p99 %8s ms  failures %d  CPU ms per write: care-sync %s,"
                        + " PostgreSQL %s  cpu %s%n", name,
                Report.number(result.writesPerSecond()), Report.number(result.latencies().percentileMillis(50)),
                Report.number(result.latencies().percentileMillis(99)), result.failures(),
                map.get("careSyncCpuMsPerWrite"), map.get("postgresCpuMsPerWrite"), map.get("cpu"));
        return result;
    }

    private Drive.Result jdbcSingle(Baseline baseline, List<CareSync.Session> devices) throws SQLException {
        List<HandOverDevices.JdbcSingle> jdbc = new ArrayList<>();
        try {
            for (CareSync.Session device : devices) {
                jdbc.add(new HandOverDevices.JdbcSingle(baseline.connect(), device.userId()));
            }
            Size size = stage.options.size();
            return Drive.run(jdbc, stage.options.warmUp(), stage.options.measure());
        } finally {
            for (HandOverDevices.JdbcSingle device : jdbc) {
                device.close();
            }
        }
    }

    private Drive.Result jdbcBatch(Baseline baseline, List<CareSync.Session> devices) throws SQLException {
        List<HandOverDevices.JdbcBatch> jdbc = new ArrayList<>();
        try {
            for (CareSync.Session device : devices) {
                jdbc.add(new HandOverDevices.JdbcBatch(baseline.connect(), device.userId(),
                        stage.options.size().batchSize));
            }
            return Drive.run(jdbc, stage.options.warmUp(), stage.options.measure());
        } finally {
            for (HandOverDevices.JdbcBatch device : jdbc) {
                device.close();
            }
        }
    }

    /** Waits until care-sync's views hold every write handed over, so the next measurement starts on a quiet machine. */
    private Duration settle(CareSync careSync, CareSync.Session admin) {
        if (careSync.jdbcUrl() == null) {
            return stage.awaitSteady(careSync, admin);
        }
        return stage.awaitProjected(careSync, admin, acceptedSoFar(careSync), Duration.ofMinutes(30));
    }

    /** Writes in the event store (each write's first event), which the views must catch up with. */
    private static long acceptedSoFar(CareSync careSync) {
        try (var c = careSync.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM domainevententry WHERE sequencenumber = 0")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(Duration duration) {
        return Report.round(duration.toMillis() / 1000.0);
    }
}

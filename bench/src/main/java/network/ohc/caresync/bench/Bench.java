package network.ohc.caresync.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness: starts the CARE simulator and, per scenario, care-sync (or uses running ones), drives them
 * over HTTP, prints a table of the targets and writes the figures to {@code bench/results}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Stage.deleteRecursively(options.work().resolve("logs"));
        Report report = new Report(options);
        report.put("commit", commit(options.root()));
        report.put("loadAtStart", Machine.loadAverage());
        System.out.printf("care-sync benchmark, size %s, scenarios %s, on %s%n", options.size().wireName(),
                options.scenarios(), Machine.description());
        int users = Math.max(options.devices(), options.size().users);
        Map<String, String> failures = new LinkedHashMap<>();
        try (Simulator simulator = options.managed()
                ? Simulator.start(options.root().resolve("care-simulator/target/care-simulator.jar"), options.work(),
                users, options.password())
                : Simulator.attach(options.simulatorUrl())) {
            Stage stage = new Stage(options, report, simulator);
            for (String scenario : options.scenarios()) {
                System.out.printf("%n== %s (load %s)%n", scenario, format(Machine.loadAverage()));
                long started = System.nanoTime();
                try {
                    simulator.reset();
                    switch (scenario) {
                        case HandOverScenario.NAME -> new HandOverScenario(stage).run();
                        case DrainScenario.NAME -> new DrainScenario(stage).run();
                        case RebuildScenario.NAME -> new RebuildScenario(stage).run();
                        case FootprintScenario.NAME -> new FootprintScenario(stage).run();
                        case ScaleScenario.NAME -> new ScaleScenario(stage).run();
                        default -> throw new IllegalArgumentException(scenario);
                    }
                } catch (Exception | AssertionError e) {
                    failures.put(scenario, e.toString());
                    report.scenario(scenario).put("failed", e.toString());
                    System.out.println("  FAILED: " + e);
                    e.printStackTrace(System.out);
                }
                report.scenario(scenario).put("scenarioSeconds", Report.round((System.nanoTime() - started) / 1e9));
            }
        }
        report.put("loadAtEnd", Machine.loadAverage());
        if (!failures.isEmpty()) {
            report.put("failedScenarios", failures);
        }
        Path json = report.write(options.out(), options.size().wireName());
        System.out.println();
        System.out.print(report.table());
        System.out.printf("%nfigures: %s%nsummary: %s%nlogs: %s%n", json, options.out().resolve("latest.md"),
                options.work().resolve("logs"));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static String commit(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "describe", "--always", "--dirty")
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String format(double[] load) {
        List<String> parts = new ArrayList<>();
        for (double d : load) {
            parts.add(String.valueOf(d));
        }
        return String.join(" ", parts);
    }
}

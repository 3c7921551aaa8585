package network.ohc.caresync.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 2, drain after an outage: the backlog of many users, drained once cleanly and once with faults (1% of
 * requests answered 503, 1% of applied mutations losing their answer), each against its bound: the upstream requests
 * it needs ÷ the configured concurrency × the added latency.
 */
final class DrainScenario {

    static final String NAME = "drain";

    private final Stage stage;

    DrainScenario(Stage stage) {
        this.stage = stage;
    }

    void run() {
        Size size = stage.options.size();
        Map<String, Object> figures = stage.report.scenario(NAME);
        List<String> notes = new ArrayList<>();
        figures.put("notes", notes);
        notes.add("Bound: (patient creates + encounter creates + 2 × updates, each update being a GET for the conflict "
                + "check and a PUT) ÷ care-sync.sync.max-in-flight × " + Drain.LATENCY_MS + " ms; a parent and its "
                + "child are two requests in a row, far below that.");
        notes.add("Drain time: from the moment care-sync saw CARE online (the dashboard's upstream.since) to the "
                + "moment it recorded the last write as synced; detectionSeconds is the probe's share before that.");
        notes.add("Duplicates and lost writes: /__sim/applied per write id (exactly 1 each), and /__sim/stats "
                + "duplicateApplies.");
        Drain drain = new Drain(stage);
        Drain.Outcome clean = drain.run(NAME, size.drainWrites, size.users, false);
        figures.put("clean", clean.figures());
        Drain.Outcome faulty = drain.run(NAME + "-faults", size.drainWrites, size.users, true);
        figures.put("withFaults", faulty.figures());

        String writes = Report.number(size.drainWrites) + " writes, " + size.users + " users";
        stage.report.atMost(NAME, "drain ÷ bound (" + writes + ")", clean.ratio(), "×", 1.2,
                Report.number(clean.seconds()) + " s vs bound " + Report.number(clean.boundSeconds()) + " s");
        stage.report.atMost(NAME, "drain ÷ bound with faults", faulty.ratio(), "×", 1.5,
                Report.number(faulty.seconds()) + " s vs bound " + Report.number(faulty.boundSeconds()) + " s");
        stage.report.holds(NAME, "zero duplicates, zero lost (both runs)", clean.duplicates() + faulty.duplicates() == 0
                && clean.lost() + faulty.lost() == 0 && clean.complete() && faulty.complete(),
                "duplicates " + (clean.duplicates() + faulty.duplicates()) + ", lost " + (clean.lost() + faulty.lost()));
    }
}

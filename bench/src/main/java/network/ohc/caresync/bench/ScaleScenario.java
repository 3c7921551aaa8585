package network.ohc.caresync.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 5, scale curve: the clean drain for growing backlogs. Linear growth shows as a constant time per write;
 * the exponent of the curve between the two largest backlogs (log time ÷ log size) is about 1 when it is linear.
 */
final class ScaleScenario {

    static final String NAME = "scale";
    /** Above this exponent the drain grows worse than linearly (1.15: 10× the writes take at most 14× the time). */
    static final double LINEAR = 1.15;

    private final Stage stage;

    ScaleScenario(Stage stage) {
        this.stage = stage;
    }

    void run() {
        Map<String, Object> figures = stage.report.scenario(NAME);
        List<String> notes = new ArrayList<>();
        figures.put("notes", notes);
        notes.add("Each backlog drained by a care-sync of its own (fresh data), without faults, CARE adding "
                + Drain.LATENCY_MS + " ms to every request.");
        Drain drain = new Drain(stage);
        List<Drain.Outcome> outcomes = new ArrayList<>();
        for (int writes : stage.options.scaleSizes()) {
            Drain.Outcome outcome = drain.run(NAME + "-" + writes, writes, stage.options.size().users, false);
            outcomes.add(outcome);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("drainSeconds", Report.round(outcome.seconds()));
            point.put("boundSeconds", Report.round(outcome.boundSeconds()));
            point.put("drainRatio", Report.round(outcome.ratio()));
            point.put("millisPerWrite", Report.round(outcome.seconds() * 1000 / writes));
            point.put("complete", outcome.complete());
            point.put("duplicates", outcome.duplicates());
            point.put("lost", outcome.lost());
            point.put("details", outcome.figures());
            figures.put(String.valueOf(writes), point);
        }
        Drain.Outcome small = outcomes.get(outcomes.size() - 2);
        Drain.Outcome large = outcomes.get(outcomes.size() - 1);
        double exponent = Math.log(large.seconds() / small.seconds()) / Math.log((double) large.writes() / small.writes());
        figures.put("exponentBetweenLargestTwo", Report.round(exponent));
        stage.report.atMost(NAME, "growth exponent " + Report.number(small.writes()) + " → "
                + Report.number(large.writes()) + " writes", exponent, "", LINEAR,
                outcomes.stream().map(o -> Report.number(o.writes()) + ": " + Report.number(o.seconds()) + " s")
                        .reduce((a, b) -> a + ", " + b).orElse(""));
        stage.report.holds(NAME, "every backlog complete, no duplicates, none lost", outcomes.stream().allMatch(o ->
                o.complete() && o.duplicates() == 0 && o.lost() == 0), null);
    }
}

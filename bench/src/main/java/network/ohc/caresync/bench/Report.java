package network.ohc.caresync.bench;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a run: per scenario its measurements (with the load average before and after), and each target
 * with whether it was met. Written as JSON ({@code <date>-<size>.json}) and as Markdown ({@code latest.md}).
 */
final class Report {

    /** One target: a figure against its limit. */
    record Target(String scenario, String name, double value, String unit, String comparison, double limit,
                  Boolean met, String note) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("scenario", scenario);
            map.put("target", name);
            map.put("value", round(value));
            map.put("unit", unit);
            map.put("limit", comparison + " " + number(limit));
            map.put("met", met);
            if (note != null) {
                map.put("note", note);
            }
            return map;
        }
    }

    private final Map<String, Object> run = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> scenarios = new LinkedHashMap<>();
    private final List<Target> targets = new ArrayList<>();

    Report(Options options) {
        run.put("startedAt", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        run.put("size", options.size().wireName());
        run.put("scenarios", List.copyOf(options.scenarios()));
        run.put("machine", Machine.description());
        run.put("careSync", options.managed() ? "started by the harness: java " + String.join(" ",
                options.careSyncJvmArgs()) + " -jar api/target/care-sync.jar (embedded PostgreSQL)"
                : options.careSyncUrl());
        run.put("maxInFlight", options.maxInFlight());
        run.put("careSyncArgs", options.careSyncArgs());
    }

    void put(String key, Object value) {
        run.put(key, value);
    }

    /** The figures of a scenario, to be filled in. */
    synchronized Map<String, Object> scenario(String name) {
        return scenarios.computeIfAbsent(name, n -> new LinkedHashMap<>());
    }

    void atLeast(String scenario, String name, double value, String unit, double limit, String note) {
        targets.add(new Target(scenario, name, value, unit, "≥", limit,
                Double.isNaN(value) ? null : value >= limit, note));
    }

    void atMost(String scenario, String name, double value, String unit, double limit, String note) {
        targets.add(new Target(scenario, name, value, unit, "≤", limit,
                Double.isNaN(value) ? null : value <= limit, note));
    }

    void holds(String scenario, String name, boolean holds, String note) {
        targets.add(new Target(scenario, name, holds ? 1 : 0, "", "=", 1, holds, note));
    }

    List<Target> targets() {
        return targets;
    }

    Map<String, Object> asMap() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("run", run);
        all.put("targets", targets.stream().map(Target::asMap).toList());
        all.put("scenarios", scenarios);
        return all;
    }

    /** Writes {@code <date>-<size>.json} and {@code latest.md}; returns the JSON file. */
    Path write(Path dir, String size) {
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve(LocalDate.now(ZoneOffset.UTC) + "-" + size + ".json");
            Files.writeString(json, Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(asMap()) + "\n");
            Files.writeString(dir.resolve("latest.md"), markdown(json.getFileName().toString()));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-10s %-58s %14s %-8s %12s  %s%n", "scenario", "target", "value", "unit",
                "limit", "met"));
        for (Target t : targets) {
            out.append(String.format("%-10s %-58s %14s %-8s %12s  %s%n", t.scenario(), t.name(), number(t.value()),
                    t.unit(), t.comparison() + " " + number(t.limit()), metWord(t.met())));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private String markdown(String jsonName) {
        StringBuilder md = new StringBuilder("# care-sync benchmark: latest run\n\n");
        Map<String, Object> machine = (Map<String, Object>) run.get("machine");
        md.append("Run ").append(run.get("startedAt")).append(", size `").append(run.get("size"))
                .append("`, on ").append(machine.get("processors")).append(" × ").append(machine.get("cpu"))
                .append(", ").append(machine.get("memoryMb")).append(" MB, ").append(machine.get("java"))
                .append(". Figures: [`").append(jsonName).append("`](").append(jsonName).append(").\n\n");
        if (run.get("commit") != null) {
            md.append("care-sync at commit `").append(run.get("commit")).append("`; ");
        }
        md.append("care-sync ").append(run.get("careSync")).append(", `care-sync.sync.max-in-flight` = ")
                .append(run.get("maxInFlight")).append(".\n\n");
        md.append("| scenario | target | value | limit | met |\n|---|---|---:|---|---|\n");
        for (Target t : targets) {
            md.append("| ").append(t.scenario()).append(" | ").append(t.name()).append(" | ")
                    .append(number(t.value())).append(' ').append(t.unit()).append(" | ").append(t.comparison())
                    .append(' ').append(number(t.limit())).append(" | ").append(metWord(t.met()))
                    .append(t.note() == null ? "" : " — " + t.note()).append(" |\n");
        }
        for (var scenario : scenarios.entrySet()) {
            md.append("\n## ").append(scenario.getKey()).append("\n\n");
            Object notes = scenario.getValue().get("notes");
            if (notes instanceof List<?> list) {
                for (Object note : list) {
                    md.append("- ").append(note).append('\n');
                }
                md.append('\n');
            }
            md.append("| figure | value |\n|---|---|\n");
            flatten("", scenario.getValue(), md);
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, StringBuilder md) {
        for (var entry : map.entrySet()) {
            if ("notes".equals(entry.getKey()) && prefix.isEmpty()) {
                continue;
            }
            if (entry.getValue() instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof long[]) {
                continue; // a time series: in the JSON only
            }
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> inner) {
                flatten(key, (Map<String, Object>) inner, md);
            } else {
                md.append("| ").append(key).append(" | ").append(cell(entry.getValue())).append(" |\n");
            }
        }
    }

    private static String cell(Object value) {
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof double[] array) {
            List<String> parts = new ArrayList<>();
            for (double d : array) {
                parts.add(number(d));
            }
            return String.join(" / ", parts);
        }
        return String.valueOf(value).replace("|", "\\|");
    }

    private static String metWord(Boolean met) {
        return met == null ? "n/a" : met ? "yes" : "NO";
    }

    static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 1 ? 100 : 1000;
        return Math.round(value * scale) / scale;
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double r = round(value);
        return r == Math.rint(r) && Math.abs(r) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) r)
                : String.format(Locale.ROOT, "%s", r);
    }
}

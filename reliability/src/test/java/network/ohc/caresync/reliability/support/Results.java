package network.ohc.caresync.reliability.support;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of a run: every scenario adds its own, and both files are rewritten each time, so a run that stops
 * half way still leaves what it measured ({@code target/results.json} and {@code target/results.md}).
 */
public final class Results {

    private static final Map<String, Map<String, Object>> SCENARIOS = new LinkedHashMap<>();
    private static final Instant STARTED = Instant.now();

    private Results() {
    }

    public static synchronized void record(String scenario, Map<String, Object> figures) {
        SCENARIOS.put(scenario, new LinkedHashMap<>(figures));
        write();
    }

    private static void write() {
        Path dir = Path.of(System.getProperty("reliability.out", "target"));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("size", Size.name());
        all.put("startedAt", STARTED.toString());
        all.put("writtenAt", Instant.now().toString());
        all.put("cores", Runtime.getRuntime().availableProcessors());
        all.put("scenarios", SCENARIOS);
        try {
            Files.createDirectories(dir);
            Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(dir.resolve("results.json").toFile(), all);
            Files.writeString(dir.resolve("results.md"), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results", e);
        }
    }

    private static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# care-sync reliability run (").append(Size.name()).append(" size)\n\n");
        md.append("Started ").append(STARTED).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores. Every scenario checks: each write handed over ends synced or in a visible ")
                .append("non-success state with its reason; nothing acknowledged is lost; the simulator applied ")
                .append("each write at most once and each synced write exactly once.\n");
        SCENARIOS.forEach((name, figures) -> {
            md.append("\n## ").append(name).append("\n\n| figure | value |\n|---|---|\n");
            figures.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        });
        return md.toString();
    }
}

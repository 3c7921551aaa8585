package network.ohc.caresync.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Greps care-sync's log files. */
public final class Logs {

    private Logs() {
    }

    /** Lines (file:line: text) of the files that contain the needle. */
    public static List<String> grep(Collection<Path> files, String needle) {
        List<String> hits = new ArrayList<>();
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(needle)) {
                        hits.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hits;
    }

    public static long bytes(Collection<Path> files) {
        return files.stream().filter(Files::exists).mapToLong(f -> {
            try {
                return Files.size(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sum();
    }
}

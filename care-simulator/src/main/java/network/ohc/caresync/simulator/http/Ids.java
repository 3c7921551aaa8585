package network.ohc.caresync.simulator.http;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parsing of the UUIDs in paths, query parameters and bodies. */
public final class Ids {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "(?i)^(urn:uuid:)?\\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}}?$");

    private Ids() {
    }

    /** Accepts the spellings Python's {@code uuid.UUID} accepts (with or without dashes). */
    public static Optional<UUID> parse(String text) {
        if (text == null || !UUID_TEXT.matcher(text.trim()).matches()) {
            return Optional.empty();
        }
        String hex = text.trim().toLowerCase().replace("urn:uuid:", "").replace("{", "").replace("}", "")
                .replace("-", "");
        return Optional.of(UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-"
                + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20)));
    }
}

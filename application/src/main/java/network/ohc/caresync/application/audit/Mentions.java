package network.ohc.caresync.application.audit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids a write mentions: UUIDs and {@code offline-<uuid>} temporary ids anywhere in its values, also inside
 * strings such as the URLs of batch sub-requests. Lower case, so a lookup does not depend on how a device spelled them.
 * Only ids are taken: names, phone numbers and other patient data never reach the index.
 */
public final class Mentions {

    static final int MAX_PER_EVENT = 500;
    private static final Pattern ID = Pattern.compile(
            "(?i)(offline-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Mentions() {
    }

    /** The ids in the given values (maps, lists, strings; anything else is skipped). */
    public static Set<String> in(Object... values) {
        Set<String> found = new LinkedHashSet<>();
        for (Object value : values) {
            collect(value, found);
        }
        return found;
    }

    /** Ids named as such (a write id, a real id): taken whole, whatever their form. */
    public static Set<String> ids(String... ids) {
        Set<String> found = new LinkedHashSet<>();
        for (String id : ids) {
            if (id != null && !id.isBlank()) {
                found.add(normalize(id));
            }
        }
        return found;
    }

    public static String normalize(String id) {
        return id.trim().toLowerCase(Locale.ROOT);
    }

    private static void collect(Object value, Set<String> found) {
        if (found.size() >= MAX_PER_EVENT || value == null) {
            return;
        }
        if (value instanceof String text) {
            Matcher matcher = ID.matcher(text);
            while (matcher.find() && found.size() < MAX_PER_EVENT) {
                found.add(normalize(matcher.group()));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, found));
        } else if (value instanceof Collection<?> list) {
            list.forEach(v -> collect(v, found));
        }
    }
}

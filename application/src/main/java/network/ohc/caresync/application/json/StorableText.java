package network.ohc.caresync.application.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text PostgreSQL can store: no NUL character and no broken UTF-16 surrogate pair, neither in a text column nor in
 * jsonb (which refuses the escape of NUL and of an unpaired surrogate). A device sending either is refused at the
 * door; stored, it could not be projected, and the write views of every user stopped behind it (found by the
 * reliability suite's hostile input). What CARE sends cannot be refused: it is made storable instead, each such
 * character replaced by U+FFFD, where it goes into a table; the event keeps the original.
 */
public final class StorableText {

    public static final String PROBLEM = "contains a NUL character or a broken surrogate pair (not text that can be stored)";
    /** What stands in for a character that cannot be stored. */
    public static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    public static boolean isStorable(String s) {
        return firstUnstorableIndex(s) < 0;
    }

    /** The path of the first string (or key) in a parsed JSON value that cannot be stored, or null. */
    public static String firstUnstorable(Object value, String path) {
        if (value instanceof String s) {
            return isStorable(s) ? null : path;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String at = path.isEmpty() ? printable(key) : path + "." + printable(key);
                if (!isStorable(key)) {
                    return at;
                }
                String found = firstUnstorable(entry.getValue(), at);
                if (found != null) {
                    return found;
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String found = firstUnstorable(list.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A field name as it can be shown in a problem detail. */
    public static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(c == 0 || Character.isSurrogate(c) && !isStorable(name.substring(i, Math.min(name.length(), i + 2)))
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    /** The text with every NUL and unpaired surrogate replaced by U+FFFD; the text itself when it is storable. */
    public static String storable(String s) {
        if (s == null) {
            return null;
        }
        int first = firstUnstorableIndex(s);
        if (first < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(c == 0 || Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    /**
     * Storable text of at most {@code max} characters, as a column of that width takes it: longer text is cut (never
     * inside a surrogate pair) and ends with an ellipsis.
     */
    public static String storable(String s, int max) {
        String text = storable(s);
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + '\u2026';
    }

    /**
     * A parsed JSON value (maps, lists, strings, numbers, booleans, nulls) with every string and key made storable;
     * the value itself when nothing in it needed that.
     */
    public static Object storable(Object value) {
        if (value instanceof String s) {
            return storable(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String storableKey = storable(key);
                Object storableValue = storable(entry.getValue());
                changed |= storableKey != key || storableValue != entry.getValue();
                // two keys may become one; the later wins, as in a JSON object with a repeated key
                out.put(storableKey, storableValue);
            }
            return changed ? out : map;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object item : list) {
                Object storableItem = storable(item);
                changed |= storableItem != item;
                out.add(storableItem);
            }
            return changed ? out : list;
        }
        return value;
    }

    private static int firstUnstorableIndex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return i;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}

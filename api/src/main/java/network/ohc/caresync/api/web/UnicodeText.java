package network.ohc.caresync.api.web;

import java.util.List;
import java.util.Map;

/**
 * Text PostgreSQL can store: no NUL character and no broken UTF-16 surrogate pair. A request carrying either is
 * refused at the door; stored, it could not be projected, and the write views of every user stopped behind it
 * (found by the reliability suite's hostile input).
 */
public final class UnicodeText {

    public static final String PROBLEM = "contains a NUL character or a broken surrogate pair (not text that can be stored)";

    private UnicodeText() {
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

    public static boolean isStorable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
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
}

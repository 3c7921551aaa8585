package network.ohc.caresync.application.write;

import java.util.regex.Pattern;

/** The id a device gives a write: a UUID, or the CARE web app's {@code offline-<uuid>} temporary id. */
public final class WriteId {

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern WRITE_ID = Pattern.compile("^(offline-)?" + UUID + "$");
    private static final Pattern MENTION = Pattern.compile("(offline-)?" + UUID);

    private WriteId() {
    }

    public static boolean isValid(String value) {
        return value != null && WRITE_ID.matcher(value).matches();
    }

    /** Every substring of the text that could be a write id (for spotting temporary ids inside URLs). */
    public static java.util.List<String> mentionsIn(String text) {
        java.util.List<String> found = new java.util.ArrayList<>();
        var m = MENTION.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}

package network.ohc.caresync.domain.write;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a conflict was resolved. */
public enum Resolution {
    /** Send the write again over the server's current version. */
    KEEP_MINE,
    /** End the write; the server's version stands. */
    TAKE_THEIRS,
    /** Send a payload a person composed. */
    MERGED,
    /** care-sync merged fields changed on one side only, by itself. */
    AUTO_MERGED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Resolution fromWireName(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}

package network.ohc.caresync.domain.write;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a conflict was noticed. */
public enum ConflictSource {
    /** The record's modified_date differs from the one the device saw. */
    MODIFIED_DATE_CHANGED,
    /** The upstream answered 409. */
    HTTP_409;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConflictSource fromWireName(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}

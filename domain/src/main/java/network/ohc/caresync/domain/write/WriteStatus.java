package network.ohc.caresync.domain.write;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The public status of an offline write (DESIGN.md §2), spelled as the API shows it. */
public enum WriteStatus {
    PENDING, BLOCKED, IN_FLIGHT, SUCCESS, FAILED, CONFLICT, IN_DOUBT, DISCARDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static WriteStatus fromWireName(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** A write in a terminal status is never sent upstream again. */
    public boolean isTerminal() {
        return this == SUCCESS || this == DISCARDED;
    }
}

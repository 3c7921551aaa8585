package network.ohc.caresync.domain.write;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why a write is {@link WriteStatus#BLOCKED}. */
public enum BlockReason {
    WAITING_FOR_PARENT, PARENT_FAILED, AUTH_REQUIRED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static BlockReason fromWireName(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}

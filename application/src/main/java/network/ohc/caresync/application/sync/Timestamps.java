package network.ohc.caresync.application.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** CARE's {@code modified_date} values compared as instants, so {@code Z} and {@code +00:00} are the same time. */
final class Timestamps {

    private Timestamps() {
    }

    static boolean same(String a, String b) {
        if (a == null || b == null) {
            return Objects.equals(a, b);
        }
        Instant x = parse(a);
        Instant y = parse(b);
        return x != null && y != null ? x.equals(y) : a.equals(b);
    }

    static Instant parse(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

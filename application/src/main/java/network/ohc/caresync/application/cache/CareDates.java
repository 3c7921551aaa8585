package network.ohc.caresync.application.cache;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times as CARE writes them ({@code 2025-10-01T09:14:03.123456Z}) and compared as instants. */
final class CareDates {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CareDates() {
    }

    static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    static Instant parse(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether both are the same instant ({@code Z} and {@code +00:00} alike). */
    static boolean same(Object a, Object b) {
        Instant x = parse(a);
        Instant y = parse(b);
        return x != null && x.equals(y);
    }

    /** Whether {@code a} is later than {@code b}; a missing {@code b} counts as older. */
    static boolean later(Object a, Object b) {
        Instant x = parse(a);
        Instant y = parse(b);
        return x != null && (y == null || x.isAfter(y));
    }
}

package network.ohc.caresync.simulator.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Hands out record timestamps with microsecond precision that never repeat and never go back.
 *
 * <p>care-sync detects conflicts by comparing {@code modified_date}; two updates within the same
 * microsecond must still give two different values, so each call returns at least one microsecond
 * more than the previous one.
 */
@Component
public class RecordClock {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final AtomicLong lastMicros = new AtomicLong();

    public Instant next() {
        Instant now = Instant.now();
        long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        long micros = lastMicros.updateAndGet(previous -> Math.max(previous + 1, nowMicros));
        return Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L);
    }

    /** CARE's wire format: {@code 2025-10-01T09:14:03.123456Z}. */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}

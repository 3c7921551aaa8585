package network.ohc.caresync.application.cache;

import java.time.Instant;
import java.util.Map;

/**
 * A TanStack Query client as its persister dehydrates it ({@code buster}, {@code timestamp}, {@code clientState}),
 * and when care-sync stored it. Its age is measured from {@code storedAt}: device clocks decide nothing.
 */
public record PersistedClient(String buster, long timestamp, Map<String, Object> clientState, Instant storedAt) {
}

package network.ohc.caresync.application.audit;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Port: the event store as auditors read it, in store order (the global index), exactly as stored. Pages and streams
 * stop before an event that may still be on its way (a global index taken by an append not yet committed), so a
 * cursor never passes an event that later appears behind it.
 */
public interface AuditLog {

    /** Up to {@code limit} events after the global index {@code after}. */
    AuditPage page(AuditFilter filter, long after, int limit);

    /** Every matching event after {@code after}, one at a time, without holding them all; how many there were. */
    long stream(AuditFilter filter, long after, Consumer<AuditEvent> sink);

    /** The global index of each stored event of a write, by its sequence number. */
    Map<Long, Long> globalIndexesOf(String writeId);
}

package network.ohc.caresync.application.audit;

import java.util.function.Consumer;

/** Port: the event store as auditors read it, in store order (the global index), exactly as stored. */
public interface AuditLog {

    /** Up to {@code limit} events after the global index {@code after}. */
    AuditPage page(AuditFilter filter, long after, int limit);

    /** Every matching event after {@code after}, one at a time, without holding them all; how many there were. */
    long stream(AuditFilter filter, long after, Consumer<AuditEvent> sink);
}

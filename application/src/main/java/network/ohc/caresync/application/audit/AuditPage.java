package network.ohc.caresync.application.audit;

import java.util.List;

/** A page of events in store order, and the cursor of the next page (null on the last one). */
public record AuditPage(List<AuditEvent> events, Long next) {
}

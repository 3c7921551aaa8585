package network.ohc.caresync.application.audit;

import java.util.List;

/**
 * A page of events in store order, and the cursor of the next page: null on the last one, unless the page stopped
 * before an event still being stored, which the next page then holds.
 */
public record AuditPage(List<AuditEvent> events, Long next) {
}

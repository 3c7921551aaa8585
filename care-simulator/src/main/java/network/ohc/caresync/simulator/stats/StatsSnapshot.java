package network.ohc.caresync.simulator.stats;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /__sim/stats}.
 *
 * @param requests          CARE API requests by method, route template and status (0 = no HTTP answer)
 * @param created           records created per kind (only kept ones: a rolled-back batch counts nothing)
 * @param updated           updates applied per kind
 * @param resets            connections reset by {@code resetRate}
 * @param offlineResets     connections reset because {@code offline} was on
 * @param droppedAfterApply mutations applied whose answer was then dropped
 * @param injectedErrors    answers replaced by {@code errorStatus}
 * @param idempotentReplays mutations answered from the idempotency ledger without being applied
 * @param duplicateApplies  Idempotency-Key values applied more than once
 */
public record StatsSnapshot(List<RequestCount> requests, long requestsTotal, Map<String, Long> created,
                            Map<String, Long> updated, long resets, long offlineResets, long droppedAfterApply,
                            long injectedErrors, long idempotentReplays, long duplicateApplies) {

    public record RequestCount(String method, String route, int status, long count) {
    }
}

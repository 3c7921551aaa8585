package network.ohc.caresync.application.dashboard;

import network.ohc.caresync.domain.write.WriteStatus;

import java.time.Instant;

/**
 * A write that needs attention: failed, conflicted or in doubt. Only its route, status and CARE's message, never
 * its payload: the dashboard is the facility's view, the payload stays on the owner's Sync Status Page.
 */
public record RecentProblem(String writeId, String userId, String username, String syncRouteKey,
                            String resourceType, WriteStatus status, Boolean retryable, int retries, String message,
                            Instant at) {
}

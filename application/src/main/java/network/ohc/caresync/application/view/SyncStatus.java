package network.ohc.caresync.application.view;

import network.ohc.caresync.domain.write.WriteStatus;

import java.util.List;
import java.util.Map;

/**
 * The proposal's Sync Status Page: counts per status and four queues — pending (pending, blocked, in flight),
 * failed, conflicts (conflict, in doubt) and success.
 */
public record SyncStatus(Map<WriteStatus, Long> counts, List<WriteView> pending, List<WriteView> failed,
                         List<WriteView> conflicts, List<WriteView> success) {
}

package network.ohc.caresync.domain.write;

import java.util.List;
import java.util.Map;

/**
 * What the aggregate says to a hand-over: whether it was new, and where the write stands now. {@code stored} is
 * what the write now holds when that differs from what was handed over (temporary ids of synced parents replaced),
 * else null.
 */
public record HandOverResult(boolean created, WriteStatus status, BlockReason blockReason, List<String> blockedBy,
                             Values stored) {

    /** A write's path and query parameters and payload. */
    public record Values(Map<String, Object> pathParams, Map<String, Object> queryParams,
                         Map<String, Object> payload) {
    }

    /** A write that still holds what was handed over. */
    public HandOverResult(boolean created, WriteStatus status, BlockReason blockReason, List<String> blockedBy) {
        this(created, status, blockReason, blockedBy, null);
    }
}

package network.ohc.caresync.domain.write;

import java.util.List;

/** What the aggregate says to a hand-over: whether it was new, and where the write stands now. */
public record HandOverResult(boolean created, WriteStatus status, BlockReason blockReason, List<String> blockedBy) {
}

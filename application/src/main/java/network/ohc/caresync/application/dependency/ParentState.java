package network.ohc.caresync.application.dependency;

import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.WriteStatus;

/** Where a parent write stands, as far as its children care. */
public record ParentState(WriteStatus status, String realId, boolean retryable, BlockReason blockReason,
                          String modifiedDate) {

    public ParentState(WriteStatus status, String realId, boolean retryable, BlockReason blockReason) {
        this(status, realId, retryable, blockReason, null);
    }

    /** A parent that will not reach CARE without a person: its children are held back. */
    public boolean holdsChildrenBack() {
        return switch (status) {
            case FAILED -> !retryable;
            case CONFLICT, IN_DOUBT, DISCARDED -> true;
            case BLOCKED -> blockReason == BlockReason.PARENT_FAILED;
            default -> false;
        };
    }
}

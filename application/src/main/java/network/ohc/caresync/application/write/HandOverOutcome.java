package network.ohc.caresync.application.write;

import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.WriteStatus;

import java.time.Instant;
import java.util.List;

/** What a hand-over came to: a new write or the same one again, and where it stands. */
public record HandOverOutcome(Submission submission, boolean created, WriteStatus status, BlockReason blockReason,
                              List<String> blockedBy, List<String> parents, Instant receivedAt) {
}

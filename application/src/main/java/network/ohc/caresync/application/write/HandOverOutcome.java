package network.ohc.caresync.application.write;

import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.WriteStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a hand-over came to: a new write or the same one again, and where it stands. {@code pathParams},
 * {@code queryParams} and {@code payload} are what the write holds: the submission's, or with the real ids of
 * parents that were synced already in place of their temporary ids.
 */
public record HandOverOutcome(Submission submission, boolean created, WriteStatus status, BlockReason blockReason,
                              List<String> blockedBy, List<String> parents, Instant receivedAt,
                              Map<String, Object> pathParams, Map<String, Object> queryParams,
                              Map<String, Object> payload) {
}

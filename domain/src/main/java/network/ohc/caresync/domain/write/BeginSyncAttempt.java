package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Claim the write for one attempt. Only a pending write at the expected revision can be claimed. */
public record BeginSyncAttempt(@TargetAggregateIdentifier String writeId, int expectedRevision, String node, AttemptRequest request, Instant at) {
}

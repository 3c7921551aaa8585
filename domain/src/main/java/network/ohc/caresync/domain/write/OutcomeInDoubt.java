package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The request may have been applied but its answer was lost. */
@Revision("1")
public record OutcomeInDoubt(String writeId, int attempt, String reason, Instant at) {
}

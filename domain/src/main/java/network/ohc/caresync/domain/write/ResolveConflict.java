package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A person (or the engine's automatic merge) resolves a conflict. */
public record ResolveConflict(@TargetAggregateIdentifier String writeId, Actor actor, Resolution resolution, Map<String, Object> mergedPayload, String reason,
                              List<String> autoMergedFields, Instant at) {
}

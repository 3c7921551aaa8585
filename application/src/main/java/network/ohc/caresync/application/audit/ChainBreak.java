package network.ohc.caresync.application.audit;

/** Where the chain of seals breaks, and why. */
public record ChainBreak(String aggregateId, long sequence, long globalIndex, String reason) {
}

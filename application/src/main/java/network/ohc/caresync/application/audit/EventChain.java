package network.ohc.caresync.application.audit;

/** Port: checks the tamper-evidence seals of the stored events. */
public interface EventChain {

    /** Walks every write's chain of seals, or one write's when {@code writeId} is given. */
    ChainReport verify(String writeId);
}

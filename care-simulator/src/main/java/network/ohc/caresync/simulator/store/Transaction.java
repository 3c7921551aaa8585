package network.ohc.caresync.simulator.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one request (or one batch), kept as an undo log so they can be taken back.
 *
 * <p>CARE wraps every request in a database transaction and every batch sub-request in a savepoint;
 * this is the in-memory equivalent. A transaction only exists while {@link Store#write} holds the
 * write lock, so it needs no synchronisation of its own.
 */
public final class Transaction {

    private final List<Runnable> undo = new ArrayList<>();
    private final List<String> createdKinds = new ArrayList<>();
    private final List<String> updatedKinds = new ArrayList<>();
    private boolean rollbackOnly;

    Transaction() {
    }

    void onUndo(Runnable action) {
        undo.add(action);
    }

    void created(String kind) {
        createdKinds.add(kind);
    }

    void updated(String kind) {
        updatedKinds.add(kind);
    }

    /** Kinds of the records this transaction created, one entry per record. */
    public List<String> createdKinds() {
        return List.copyOf(createdKinds);
    }

    /** Kinds of the records this transaction updated, one entry per update. */
    public List<String> updatedKinds() {
        return List.copyOf(updatedKinds);
    }

    /** Marks the whole transaction to be undone when the work ends. */
    public void setRollbackOnly() {
        rollbackOnly = true;
    }

    boolean isRollbackOnly() {
        return rollbackOnly;
    }

    public Savepoint savepoint() {
        return new Savepoint(undo.size(), createdKinds.size(), updatedKinds.size());
    }

    /** Undoes everything done after the savepoint, newest first. */
    public void rollbackTo(Savepoint savepoint) {
        for (int i = undo.size() - 1; i >= savepoint.undoSize(); i--) {
            undo.remove(i).run();
        }
        createdKinds.subList(savepoint.createdSize(), createdKinds.size()).clear();
        updatedKinds.subList(savepoint.updatedSize(), updatedKinds.size()).clear();
    }

    void rollbackAll() {
        rollbackTo(new Savepoint(0, 0, 0));
    }

    public record Savepoint(int undoSize, int createdSize, int updatedSize) {
    }
}

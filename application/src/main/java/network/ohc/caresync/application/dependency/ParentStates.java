package network.ohc.caresync.application.dependency;

import network.ohc.caresync.domain.write.AttemptAborted;
import network.ohc.caresync.domain.write.ConflictDetected;
import network.ohc.caresync.domain.write.ConflictResolved;
import network.ohc.caresync.domain.write.InDoubtReconciled;
import network.ohc.caresync.domain.write.OutcomeInDoubt;
import network.ohc.caresync.domain.write.Resolution;
import network.ohc.caresync.domain.write.RetryRequested;
import network.ohc.caresync.domain.write.SyncAttempted;
import network.ohc.caresync.domain.write.SyncFailed;
import network.ohc.caresync.domain.write.Synced;
import network.ohc.caresync.domain.write.WriteBlocked;
import network.ohc.caresync.domain.write.WriteDiscarded;
import network.ohc.caresync.domain.write.WriteStatus;
import network.ohc.caresync.domain.write.WriteUnblocked;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Iterator;

/**
 * A parent's current state read from the event store itself. A child's saga asks once when it starts, so a
 * parent that synced (or failed) before the saga existed is not missed; later changes reach the saga as events.
 */
public class ParentStates {

    private final EventStore eventStore;

    public ParentStates(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public ParentState of(String writeId) {
        ParentState state = new ParentState(WriteStatus.PENDING, null, false, null);
        // from the first event, never from a snapshot: the events are the record
        Iterator<? extends DomainEventMessage<?>> events = eventStore.readEvents(writeId, 0).asStream().iterator();
        while (events.hasNext()) {
            state = next(state, events.next().getPayload());
        }
        return state;
    }

    static ParentState next(ParentState state, Object event) {
        if (event instanceof WriteBlocked e) {
            return new ParentState(WriteStatus.BLOCKED, null, false, e.reason());
        }
        if (event instanceof WriteUnblocked || event instanceof AttemptAborted || event instanceof RetryRequested) {
            return new ParentState(WriteStatus.PENDING, null, false, null);
        }
        if (event instanceof SyncAttempted) {
            return new ParentState(WriteStatus.IN_FLIGHT, null, false, null);
        }
        if (event instanceof Synced e) {
            return new ParentState(WriteStatus.SUCCESS, e.realId(), false, null, e.modifiedDate());
        }
        if (event instanceof SyncFailed e) {
            return new ParentState(WriteStatus.FAILED, null, e.retryable(), null);
        }
        if (event instanceof ConflictDetected) {
            return new ParentState(WriteStatus.CONFLICT, null, false, null);
        }
        if (event instanceof OutcomeInDoubt) {
            return new ParentState(WriteStatus.IN_DOUBT, null, false, null);
        }
        if (event instanceof InDoubtReconciled e) {
            return e.applied() ? new ParentState(WriteStatus.SUCCESS, e.realId(), false, null, e.modifiedDate())
                    : new ParentState(WriteStatus.PENDING, null, false, null);
        }
        if (event instanceof ConflictResolved e) {
            return new ParentState(e.resolution() == Resolution.TAKE_THEIRS ? WriteStatus.DISCARDED
                    : WriteStatus.PENDING, null, false, null);
        }
        if (event instanceof WriteDiscarded) {
            return new ParentState(WriteStatus.DISCARDED, null, false, null);
        }
        return state;
    }
}

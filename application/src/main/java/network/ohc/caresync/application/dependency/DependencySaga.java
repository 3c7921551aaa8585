package network.ohc.caresync.application.dependency;

import jakarta.inject.Inject;
import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.ConflictDetected;
import network.ohc.caresync.domain.write.ConflictResolved;
import network.ohc.caresync.domain.write.DependencyResolved;
import network.ohc.caresync.domain.write.InDoubtReconciled;
import network.ohc.caresync.domain.write.MarkParentFailed;
import network.ohc.caresync.domain.write.MarkParentRecovering;
import network.ohc.caresync.domain.write.OfflineWriteCreated;
import network.ohc.caresync.domain.write.OutcomeInDoubt;
import network.ohc.caresync.domain.write.ParentRepointed;
import network.ohc.caresync.domain.write.Resolution;
import network.ohc.caresync.domain.write.ResolveDependency;
import network.ohc.caresync.domain.write.RetryRequested;
import network.ohc.caresync.domain.write.SyncFailed;
import network.ohc.caresync.domain.write.Synced;
import network.ohc.caresync.domain.write.WriteBlocked;
import network.ohc.caresync.domain.write.WriteDiscarded;
import network.ohc.caresync.domain.write.WriteStatus;
import network.ohc.caresync.domain.write.WriteUnblocked;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Waits, for one child write, until every parent in its {@code parentMutationIds} is created upstream, and tells
 * the child each parent's real id. A parent that fails for good, conflicts, is in doubt or is discarded holds the
 * child back; a parent on its way again lets it wait normally. Ends when no parent is left to wait for, or when the
 * child is discarded.
 * <p>
 * A parent CARE had accepted before the child was handed over is resolved by the hand-over itself: the saga learns it
 * from the child's own {@code DependencyResolved}, which follows its creation, and stops waiting for that parent (its
 * catch-up may still ask to resolve it, which the write ignores). A child all of whose parents were resolved so ends
 * its saga at once.
 * <p>
 * The saga is associated with its child under {@link #CHILD} and with each parent under {@link #PARENT}. Two keys
 * matter: a write that is the parent of another is also, itself, a child that may need a saga, and under one key
 * its own creation event would find the other write's saga and start none of its own.
 */
public class DependencySaga {

    static final String CHILD = "writeId";
    static final String PARENT = "parentWriteId";

    private String childId;
    private final Set<String> waitingFor = new LinkedHashSet<>();

    @Inject
    private transient CommandGateway commands;
    @Inject
    private transient ParentStates parentStates;
    @Inject
    private transient Clock clock;

    @StartSaga
    @SagaEventHandler(associationProperty = "writeId")
    void on(OfflineWriteCreated created) {
        if (created.parentMutationIds().isEmpty()) {
            SagaLifecycle.end();
            return;
        }
        childId = created.writeId();
        waitingFor.addAll(created.parentMutationIds());
        for (String parent : created.parentMutationIds()) {
            SagaLifecycle.associateWith(PARENT, parent);
        }
        for (String parent : created.parentMutationIds()) {
            catchUpOn(parent);
        }
    }

    @SagaEventHandler(associationProperty = "writeId", keyName = PARENT)
    void on(Synced event) {
        resolve(event.writeId(), event.realId(), event.modifiedDate());
    }

    @SagaEventHandler(associationProperty = "writeId", keyName = PARENT)
    void on(InDoubtReconciled event) {
        if (event.applied()) {
            resolve(event.writeId(), event.realId(), event.modifiedDate());
        } else {
            recovering(event.writeId());
        }
    }

    @SagaEventHandler(associationProperty = "writeId", keyName = PARENT)
    void on(SyncFailed event) {
        if (!event.retryable()) {
            failed(event.writeId(), WriteStatus.FAILED);
        }
    }

    @SagaEventHandler(associationProperty = "writeId", keyName = PARENT)
    void on(ConflictDetected event) {
        failed(event.writeId(), WriteStatus.CONFLICT);
    }

    @SagaEventHandler(associationProperty = "writeId", keyName = PARENT)
    void on(OutcomeInDoubt event) {
        failed(event.writeId(), WriteStatus.IN_DOUBT);
    }

    @SagaEventHandler(associationProperty = "writeId", keyName = PARENT)
    void on(ConflictResolved event) {
        if (event.resolution() == Resolution.TAKE_THEIRS) {
            failed(event.writeId(), WriteStatus.DISCARDED);
        } else {
            recovering(event.writeId());
        }
    }

    @SagaEventHandler(associationProperty = "writeId", keyName = PARENT)
    void on(RetryRequested event) {
        recovering(event.writeId());
    }

    @SagaEventHandler(associationProperty = "writeId", keyName = PARENT)
    void on(WriteBlocked event) {
        if (event.reason() == BlockReason.PARENT_FAILED) {
            failed(event.writeId(), WriteStatus.BLOCKED);
        } else {
            recovering(event.writeId());
        }
    }

    @SagaEventHandler(associationProperty = "writeId", keyName = PARENT)
    void on(WriteUnblocked event) {
        recovering(event.writeId());
    }

    @SagaEventHandler(associationProperty = "writeId", keyName = PARENT)
    void onParentDiscarded(WriteDiscarded event) {
        failed(event.writeId(), WriteStatus.DISCARDED);
    }

    @SagaEventHandler(associationProperty = "writeId")
    void onChildDiscarded(WriteDiscarded event) {
        SagaLifecycle.end();
    }

    @SagaEventHandler(associationProperty = "writeId")
    void on(ParentRepointed event) {
        if (event.toParentWriteId() == null) {
            return;
        }
        waitingFor.add(event.toParentWriteId());
        SagaLifecycle.associateWith(PARENT, event.toParentWriteId());
        catchUpOn(event.toParentWriteId());
    }

    @SagaEventHandler(associationProperty = "writeId")
    void on(DependencyResolved event) {
        waitingFor.remove(event.parentWriteId());
        SagaLifecycle.removeAssociationWith(PARENT, event.parentWriteId());
        if (waitingFor.isEmpty()) {
            SagaLifecycle.end();
        }
    }

    private void catchUpOn(String parent) {
        ParentState state = parentStates.of(parent);
        if (state.status() == WriteStatus.SUCCESS) {
            resolve(parent, state.realId(), state.modifiedDate());
        } else if (state.holdsChildrenBack()) {
            failed(parent, state.status());
        }
    }

    private void resolve(String parent, String realId, String modifiedDate) {
        if (realId == null) {
            failed(parent, WriteStatus.SUCCESS);
            return;
        }
        commands.sendAndWait(new ResolveDependency(childId, parent, realId, modifiedDate, clock.instant()));
    }

    private void failed(String parent, WriteStatus parentStatus) {
        commands.sendAndWait(new MarkParentFailed(childId, parent, parentStatus, clock.instant()));
    }

    private void recovering(String parent) {
        commands.sendAndWait(new MarkParentRecovering(childId, parent, clock.instant()));
    }
}

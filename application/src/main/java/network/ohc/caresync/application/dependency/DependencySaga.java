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
 * child is discarded. The saga is associated with the child and with each parent under the same key, the write id.
 */
public class DependencySaga {

    static final String WRITE_ID = "writeId";

    private String childId;
    private final Set<String> waitingFor = new LinkedHashSet<>();

    @Inject
    private transient CommandGateway commands;
    @Inject
    private transient ParentStates parentStates;
    @Inject
    private transient Clock clock;

    @StartSaga
    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(OfflineWriteCreated created) {
        if (created.parentMutationIds().isEmpty()) {
            SagaLifecycle.end();
            return;
        }
        childId = created.writeId();
        waitingFor.addAll(created.parentMutationIds());
        for (String parent : created.parentMutationIds()) {
            SagaLifecycle.associateWith(WRITE_ID, parent);
        }
        for (String parent : created.parentMutationIds()) {
            catchUpOn(parent);
        }
    }

    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(Synced event) {
        if (isParent(event.writeId())) {
            resolve(event.writeId(), event.realId());
        }
    }

    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(InDoubtReconciled event) {
        if (!isParent(event.writeId())) {
            return;
        }
        if (event.applied()) {
            resolve(event.writeId(), event.realId());
        } else {
            recovering(event.writeId());
        }
    }

    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(SyncFailed event) {
        if (isParent(event.writeId()) && !event.retryable()) {
            failed(event.writeId(), WriteStatus.FAILED);
        }
    }

    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(ConflictDetected event) {
        if (isParent(event.writeId())) {
            failed(event.writeId(), WriteStatus.CONFLICT);
        }
    }

    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(OutcomeInDoubt event) {
        if (isParent(event.writeId())) {
            failed(event.writeId(), WriteStatus.IN_DOUBT);
        }
    }

    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(ConflictResolved event) {
        if (!isParent(event.writeId())) {
            return;
        }
        if (event.resolution() == Resolution.TAKE_THEIRS) {
            failed(event.writeId(), WriteStatus.DISCARDED);
        } else {
            recovering(event.writeId());
        }
    }

    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(RetryRequested event) {
        if (isParent(event.writeId())) {
            recovering(event.writeId());
        }
    }

    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(WriteBlocked event) {
        if (!isParent(event.writeId())) {
            return;
        }
        if (event.reason() == BlockReason.PARENT_FAILED) {
            failed(event.writeId(), WriteStatus.BLOCKED);
        } else {
            recovering(event.writeId());
        }
    }

    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(WriteUnblocked event) {
        if (isParent(event.writeId())) {
            recovering(event.writeId());
        }
    }

    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(WriteDiscarded event) {
        if (event.writeId().equals(childId)) {
            SagaLifecycle.end();
        } else if (isParent(event.writeId())) {
            failed(event.writeId(), WriteStatus.DISCARDED);
        }
    }

    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(ParentRepointed event) {
        if (!event.writeId().equals(childId) || event.toParentWriteId() == null) {
            return;
        }
        waitingFor.add(event.toParentWriteId());
        SagaLifecycle.associateWith(WRITE_ID, event.toParentWriteId());
        catchUpOn(event.toParentWriteId());
    }

    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(DependencyResolved event) {
        if (!event.writeId().equals(childId)) {
            return;
        }
        waitingFor.remove(event.parentWriteId());
        SagaLifecycle.removeAssociationWith(WRITE_ID, event.parentWriteId());
        if (waitingFor.isEmpty()) {
            SagaLifecycle.end();
        }
    }

    private boolean isParent(String writeId) {
        return !writeId.equals(childId) && waitingFor.contains(writeId);
    }

    private void catchUpOn(String parent) {
        ParentState state = parentStates.of(parent);
        if (state.status() == WriteStatus.SUCCESS) {
            resolve(parent, state.realId());
        } else if (state.holdsChildrenBack()) {
            failed(parent, state.status());
        }
    }

    private void resolve(String parent, String realId) {
        if (realId == null) {
            failed(parent, WriteStatus.SUCCESS);
            return;
        }
        commands.sendAndWait(new ResolveDependency(childId, parent, realId, clock.instant()));
    }

    private void failed(String parent, WriteStatus parentStatus) {
        commands.sendAndWait(new MarkParentFailed(childId, parent, parentStatus, clock.instant()));
    }

    private void recovering(String parent) {
        commands.sendAndWait(new MarkParentRecovering(childId, parent, clock.instant()));
    }
}

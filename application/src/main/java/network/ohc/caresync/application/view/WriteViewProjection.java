package network.ohc.caresync.application.view;

import network.ohc.caresync.application.sync.SyncPartitions;
import network.ohc.caresync.domain.write.AttemptAborted;
import network.ohc.caresync.domain.write.ConflictDetected;
import network.ohc.caresync.domain.write.ConflictResolved;
import network.ohc.caresync.domain.write.DependencyResolved;
import network.ohc.caresync.domain.write.InDoubtReconciled;
import network.ohc.caresync.domain.write.OfflineWriteCreated;
import network.ohc.caresync.domain.write.OutcomeInDoubt;
import network.ohc.caresync.domain.write.ParentRepointed;
import network.ohc.caresync.domain.write.Resolution;
import network.ohc.caresync.domain.write.RetryRequested;
import network.ohc.caresync.domain.write.SyncAttempted;
import network.ohc.caresync.domain.write.SyncFailed;
import network.ohc.caresync.domain.write.Synced;
import network.ohc.caresync.domain.write.WriteArchived;
import network.ohc.caresync.domain.write.WriteBlocked;
import network.ohc.caresync.domain.write.WriteDiscarded;
import network.ohc.caresync.domain.write.WriteStatus;
import network.ohc.caresync.domain.write.WriteUnblocked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static network.ohc.caresync.application.view.WritePatch.Column;

/**
 * The write views: one row per write with where it stands, kept from the events. Every handler is idempotent
 * (a change applies only when its event is newer than the row), so a replay rebuilds the same rows; listeners are
 * not told about changes made by a replay.
 */
@ProcessingGroup(WriteViewProjection.PROCESSING_GROUP)
public class WriteViewProjection {

    public static final String PROCESSING_GROUP = "write-views";

    private final WriteViewStore store;
    private final List<WriteViewListener> listeners;

    public WriteViewProjection(WriteViewStore store, List<WriteViewListener> listeners) {
        this.store = store;
        this.listeners = List.copyOf(listeners);
    }

    @EventHandler
    void on(OfflineWriteCreated e, @SequenceNumber long sequence, TrackingToken token) {
        // the global index of the event orders writes as they were handed over, whichever segment inserts them; the
        // token's position is past it when the event filled a gap, so the store reads the event's own where it can
        long handedOver = token.position().orElseThrow(() -> new IllegalStateException(
                "write views need a tracking processor (the global index orders writes)"));
        store.insert(new WriteView(e.writeId(), handedOver, e.userId(), e.deviceId(), e.syncRouteKey(), e.type(),
                e.resourceType(), e.recordKey(), SyncPartitions.of(e.userId()), e.pathParams(), e.queryParams(),
                e.payload(), e.basePayload(), e.parentMutationIds(), e.clientTimestamp(), e.serverTimestamp(),
                e.queryRouteKey(), e.receivedAt(), WriteStatus.PENDING, null, List.of(), null, 0, null, 0, null, null, null,
                null, null, null, null, null, null, 0, false, e.receivedAt()), sequence);
        changed(e.writeId(), e.userId(), WriteStatus.PENDING);
    }

    @EventHandler
    void on(WriteBlocked e, @SequenceNumber long sequence) {
        apply(e.writeId(), sequence, WritePatch.status(WriteStatus.BLOCKED)
                .blocked(e.reason(), e.blockedBy(), e.detail()), e.at());
    }

    @EventHandler
    void on(WriteUnblocked e, @SequenceNumber long sequence) {
        apply(e.writeId(), sequence, WritePatch.status(WriteStatus.PENDING), e.at());
    }

    @EventHandler
    void on(DependencyResolved e, @SequenceNumber long sequence) {
        WritePatch patch = WritePatch.none()
                .set(Column.PATH_PARAMS, e.pathParams())
                .set(Column.QUERY_PARAMS, e.queryParams())
                .set(Column.PAYLOAD, e.payload())
                .set(Column.RECORD_KEY, e.recordKey())
                .revised();
        if (e.serverTimestamp() != null) {
            patch.set(Column.SERVER_TIMESTAMP, e.serverTimestamp());
        }
        apply(e.writeId(), sequence, patch, e.at());
    }

    @EventHandler
    void on(ParentRepointed e, @SequenceNumber long sequence) {
        store.find(e.writeId()).ifPresent(view -> {
            List<String> parents = new ArrayList<>(view.parentMutationIds());
            if (e.toParentWriteId() != null && !parents.contains(e.toParentWriteId())) {
                parents.add(e.toParentWriteId());
            }
            store.apply(e.writeId(), sequence, WritePatch.none().set(Column.PARENT_MUTATION_IDS, parents), e.at());
        });
    }

    @EventHandler
    void on(SyncAttempted e, @SequenceNumber long sequence) {
        apply(e.writeId(), sequence, WritePatch.status(WriteStatus.IN_FLIGHT)
                .set(Column.ATTEMPT, e.attempt())
                .set(Column.ATTEMPT_NODE, e.node())
                .set(Column.LAST_ATTEMPT_AT, e.at())
                .set(Column.NEXT_ATTEMPT_AT, null), e.at());
    }

    @EventHandler
    void on(Synced e, @SequenceNumber long sequence) {
        apply(e.writeId(), sequence, WritePatch.status(WriteStatus.SUCCESS)
                .set(Column.RESPONSE, e.response())
                .set(Column.REAL_ID, e.realId())
                .set(Column.RESULT_MODIFIED_DATE, e.modifiedDate())
                .set(Column.LAST_ERROR, null)
                .set(Column.RETRYABLE, null)
                .set(Column.CONFLICT_DATA, null), e.at());
    }

    @EventHandler
    void on(SyncFailed e, @SequenceNumber long sequence) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("kind", e.failure().kind().wireName());
        error.put("httpStatus", e.failure().httpStatus());
        error.put("message", e.failure().message());
        error.put("errors", e.failure().errors());
        apply(e.writeId(), sequence, WritePatch.status(WriteStatus.FAILED)
                .set(Column.RETRIES, e.retries())
                .set(Column.RETRYABLE, e.retryable())
                .set(Column.LAST_ERROR, error)
                .set(Column.NEXT_ATTEMPT_AT, e.nextAttemptAt()), e.at());
    }

    @EventHandler
    void on(ConflictDetected e, @SequenceNumber long sequence) {
        apply(e.writeId(), sequence, WritePatch.status(WriteStatus.CONFLICT)
                .set(Column.CONFLICT_DATA, e.serverData())
                .set(Column.CONFLICT_MODIFIED_DATE, e.serverModifiedDate())
                .set(Column.LAST_ERROR, Map.of("kind", "conflict", "message", e.source().wireName())), e.at());
    }

    @EventHandler
    void on(OutcomeInDoubt e, @SequenceNumber long sequence) {
        apply(e.writeId(), sequence, WritePatch.status(WriteStatus.IN_DOUBT)
                .set(Column.LAST_ERROR, Map.of("kind", "in_doubt", "message", String.valueOf(e.reason()))), e.at());
    }

    @EventHandler
    void on(InDoubtReconciled e, @SequenceNumber long sequence) {
        WritePatch patch = e.applied()
                ? WritePatch.status(WriteStatus.SUCCESS).set(Column.RESPONSE, e.record()).set(Column.REAL_ID, e.realId())
                        .set(Column.RESULT_MODIFIED_DATE, e.modifiedDate()).set(Column.LAST_ERROR, null)
                : WritePatch.status(WriteStatus.PENDING);
        apply(e.writeId(), sequence, patch, e.at());
    }

    @EventHandler
    void on(AttemptAborted e, @SequenceNumber long sequence) {
        apply(e.writeId(), sequence, WritePatch.status(WriteStatus.PENDING)
                .set(Column.LAST_ERROR, Map.of("kind", "unreachable", "message", String.valueOf(e.reason()))), e.at());
    }

    @EventHandler
    void on(ConflictResolved e, @SequenceNumber long sequence) {
        if (e.resolution() == Resolution.TAKE_THEIRS) {
            apply(e.writeId(), sequence, WritePatch.status(WriteStatus.DISCARDED), e.at());
            return;
        }
        WritePatch patch = WritePatch.status(WriteStatus.PENDING)
                .set(Column.SERVER_TIMESTAMP, e.serverTimestamp())
                .set(Column.CONFLICT_DATA, null)
                .set(Column.LAST_ERROR, null)
                .revised();
        if (e.payload() != null) {
            patch.set(Column.PAYLOAD, e.payload());
        }
        apply(e.writeId(), sequence, patch, e.at());
    }

    @EventHandler
    void on(RetryRequested e, @SequenceNumber long sequence) {
        WritePatch patch = WritePatch.status(WriteStatus.PENDING)
                .set(Column.NEXT_ATTEMPT_AT, null)
                .set(Column.RETRYABLE, null);
        if (!e.automatic()) {
            patch.set(Column.RETRIES, 0);
        }
        apply(e.writeId(), sequence, patch, e.at());
    }

    @EventHandler
    void on(WriteDiscarded e, @SequenceNumber long sequence) {
        apply(e.writeId(), sequence, WritePatch.status(WriteStatus.DISCARDED)
                .set(Column.NEXT_ATTEMPT_AT, null), e.at());
    }

    @EventHandler
    void on(WriteArchived e, @SequenceNumber long sequence) {
        store.apply(e.writeId(), sequence, WritePatch.none().set(Column.ARCHIVED, true), e.at());
    }

    @ResetHandler
    void reset() {
        store.deleteAll();
    }

    @QueryHandler
    WriteViewStore.Page handle(FindWritesQuery query) {
        return store.find(query.userId(), query.statuses(), query.resourceType(), query.page(), query.size());
    }

    @QueryHandler
    FoundWrite handle(FindWriteQuery query) {
        return new FoundWrite(store.find(query.writeId()).orElse(null));
    }

    @QueryHandler
    SyncStatus handle(SyncStatusQuery query) {
        int n = query.perQueue();
        return new SyncStatus(store.countByStatus(query.userId()),
                store.find(query.userId(), EnumSet.of(WriteStatus.PENDING, WriteStatus.BLOCKED, WriteStatus.IN_FLIGHT),
                        null, 0, n).items(),
                store.find(query.userId(), EnumSet.of(WriteStatus.FAILED), null, 0, n).items(),
                store.find(query.userId(), EnumSet.of(WriteStatus.CONFLICT, WriteStatus.IN_DOUBT), null, 0, n)
                        .items(),
                store.find(query.userId(), EnumSet.of(WriteStatus.SUCCESS), null, 0, n).items());
    }

    private void apply(String writeId, long sequence, WritePatch patch, Instant at) {
        Object status = patch.changes().get(Column.STATUS);
        if (status instanceof WriteStatus s && telling()) {
            // the store names the user once the change is applied, which may be when the batch's changes are sent
            AtomicReference<String> user = new AtomicReference<>();
            store.apply(writeId, sequence, patch, at, user::set);
            tell(() -> {
                if (user.get() != null) {
                    listeners.forEach(l -> l.changed(writeId, user.get(), s));
                }
            });
        } else {
            store.apply(writeId, sequence, patch, at);
        }
    }

    private void changed(String writeId, String userId, WriteStatus status) {
        if (telling()) {
            tell(() -> listeners.forEach(l -> l.changed(writeId, userId, status)));
        }
    }

    private boolean telling() {
        // a rebuild replays history: the rows change, but nothing happened that anyone should act on now
        return !listeners.isEmpty()
                && !CurrentUnitOfWork.map(uow -> ReplayToken.isReplay(uow.getMessage())).orElse(false);
    }

    /** After the change commits (the listeners act on it), or at once outside a unit of work. */
    private static void tell(Runnable notify) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(uow -> notify.run());
        } else {
            notify.run();
        }
    }
}

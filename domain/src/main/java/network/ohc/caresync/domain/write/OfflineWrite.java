package network.ohc.caresync.domain.write;

import network.ohc.caresync.domain.dependency.TemporaryIdPlaces;
import network.ohc.caresync.domain.dependency.TemporaryIdSubstitution;
import network.ohc.caresync.domain.retry.RetryPolicy;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One write a device handed over, from receipt to its end upstream. Command handlers check the lifecycle and
 * apply events; event sourcing handlers only assign fields.
 */
public class OfflineWrite {

    private static final Set<WriteStatus> DISCARDABLE = EnumSet.of(WriteStatus.PENDING, WriteStatus.BLOCKED,
            WriteStatus.FAILED, WriteStatus.CONFLICT, WriteStatus.IN_DOUBT);

    @AggregateIdentifier
    private String writeId;
    private String userId;
    private String contentHash;
    private WriteStatus status;
    private int attempt;
    private int retries;
    private boolean retryable;
    private int revision;
    private boolean archived;
    private final Set<String> unresolvedParents = new LinkedHashSet<>();
    private BlockReason blockReason;
    private List<String> blockedBy = List.of();
    private Map<String, Object> pathParams;
    private Map<String, Object> queryParams;
    private Map<String, Object> payload;
    private String recordKey;
    private String serverTimestamp;
    private String conflictModifiedDate;
    private TemporaryIdPlaces temporaryIdPlaces = TemporaryIdPlaces.anywhere();

    protected OfflineWrite() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public HandOverResult handle(RecordOfflineWrite command) {
        if (writeId != null) {
            if (!userId.equals(command.userId()) || !contentHash.equals(command.contentHash())) {
                throw WriteRuleViolation.idAlreadyUsed(command.writeId());
            }
            return result(false);
        }
        List<String> parents = command.parentMutationIds() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(command.parentMutationIds()));
        if (parents.contains(command.writeId())) {
            throw new WriteRuleViolation("self_parent", command.writeId(), "a write cannot be its own parent");
        }
        apply(new OfflineWriteCreated(command.writeId(), command.userId(), command.deviceId(), command.syncRouteKey(),
                command.type(), command.resourceType(), command.recordKey(), command.pathParams(),
                command.queryParams(), command.payload(), parents, command.clientTimestamp(),
                command.serverTimestamp(), command.queryRouteKey(), command.basePayload(), command.contentHash(),
                command.receivedAt(), TemporaryIdPlaces.of(command.temporaryIds()).asStored()));
        // parents created upstream before their child arrived: their real ids go in at once, as the saga would
        for (SyncedParent parent : command.syncedParents()) {
            if (unresolvedParents.contains(parent.writeId()) && parent.realId() != null) {
                resolve(parent.writeId(), parent.realId(), parent.modifiedDate(), command.receivedAt());
            }
        }
        if (!unresolvedParents.isEmpty()) {
            apply(new WriteBlocked(writeId, BlockReason.WAITING_FOR_PARENT, List.copyOf(unresolvedParents), null,
                    command.receivedAt()));
        }
        return result(true);
    }

    private HandOverResult result(boolean created) {
        HandOverResult.Values stored = revision == 0 ? null
                : new HandOverResult.Values(pathParams, queryParams, payload);
        return new HandOverResult(created, status, blockReason, blockedBy, stored);
    }

    @CommandHandler
    public void handle(ResolveDependency command) {
        if (!unresolvedParents.contains(command.parentWriteId()) || status.isTerminal()) {
            return;
        }
        resolve(command.parentWriteId(), command.realId(), command.parentModifiedDate(), command.at());
        releaseOrRewait(command.parentWriteId(), command.at());
    }

    @CommandHandler
    public void handle(MarkParentFailed command) {
        String parent = command.parentWriteId();
        if (status != WriteStatus.BLOCKED || !unresolvedParents.contains(parent)) {
            return;
        }
        if (blockReason == BlockReason.PARENT_FAILED && blockedBy.contains(parent)) {
            return;
        }
        List<String> failed = new ArrayList<>(blockReason == BlockReason.PARENT_FAILED ? blockedBy : List.of());
        failed.add(parent);
        apply(new WriteBlocked(writeId, BlockReason.PARENT_FAILED, failed,
                "parent " + parent + " is " + command.parentStatus().wireName(), command.at()));
    }

    @CommandHandler
    public void handle(MarkParentRecovering command) {
        if (status != WriteStatus.BLOCKED || blockReason != BlockReason.PARENT_FAILED
                || !blockedBy.contains(command.parentWriteId())) {
            return;
        }
        releaseOrRewait(command.parentWriteId(), command.at());
    }

    @CommandHandler
    public void handle(RepointParent command) {
        requireActor(command.actor());
        if (status != WriteStatus.BLOCKED || !unresolvedParents.contains(command.fromParentWriteId())) {
            throw WriteRuleViolation.illegalTransition(writeId, status, "re-point a parent of");
        }
        boolean toWrite = command.toParentWriteId() != null;
        if (toWrite == (command.toRealId() != null)) {
            throw new WriteRuleViolation("invalid_repoint", writeId,
                    "name either another parent write or the real id of an existing record");
        }
        if (writeId.equals(command.toParentWriteId())) {
            throw new WriteRuleViolation("self_parent", writeId, "a write cannot be its own parent");
        }
        apply(new ParentRepointed(writeId, command.fromParentWriteId(), command.toParentWriteId(),
                command.toRealId(), command.actor(), command.at()));
        resolve(command.fromParentWriteId(), toWrite ? command.toParentWriteId() : command.toRealId(), null,
                command.at());
        releaseOrRewait(command.fromParentWriteId(), command.at());
    }

    @CommandHandler
    public void handle(RequireSignIn command) {
        if (status == WriteStatus.PENDING) {
            apply(new WriteBlocked(writeId, BlockReason.AUTH_REQUIRED, List.of(), "sign in again", command.at()));
        }
    }

    @CommandHandler
    public void handle(ReleaseAfterSignIn command) {
        if (status == WriteStatus.BLOCKED && blockReason == BlockReason.AUTH_REQUIRED) {
            apply(new WriteUnblocked(writeId, BlockReason.AUTH_REQUIRED, command.at()));
        }
    }

    @CommandHandler
    public int handle(BeginSyncAttempt command) {
        if (status != WriteStatus.PENDING) {
            throw WriteRuleViolation.illegalTransition(writeId, status, "start an attempt on");
        }
        if (command.expectedRevision() != revision) {
            throw WriteRuleViolation.staleRevision(writeId);
        }
        apply(new SyncAttempted(writeId, attempt + 1, command.node(), command.request(), command.at()));
        return attempt;
    }

    @CommandHandler
    public void handle(RecordSyncSuccess command) {
        if (isOutcomeOfCurrentAttempt(command.attempt())) {
            apply(new Synced(writeId, command.attempt(), command.httpStatus(), command.response(),
                    command.modifiedDate(), command.realId(), command.at()));
        }
    }

    @CommandHandler
    public void handle(RecordSyncFailure command, RetryPolicy retryPolicy) {
        if (!isOutcomeOfCurrentAttempt(command.attempt())) {
            return;
        }
        int failures = retries + 1;
        Instant next = command.failure().kind().retryable()
                ? retryPolicy.nextAttemptAfter(failures, command.at()).orElse(null) : null;
        apply(new SyncFailed(writeId, command.attempt(), command.failure(), failures, next != null, next,
                command.at(), command.exchange()));
    }

    @CommandHandler
    public void handle(RecordAuthRejected command) {
        if (isOutcomeOfCurrentAttempt(command.attempt())) {
            apply(new WriteBlocked(writeId, BlockReason.AUTH_REQUIRED, List.of(),
                    "CARE refused the user's token; sign in again", command.at()));
        }
    }

    @CommandHandler
    public void handle(RecordConflict command) {
        if (isOutcomeOfCurrentAttempt(command.attempt())) {
            apply(new ConflictDetected(writeId, command.attempt(), command.source(), command.serverData(),
                    command.serverModifiedDate(), command.expectedTimestamp(), command.at(), command.check(),
                    command.answer()));
        }
    }

    @CommandHandler
    public void handle(RecordOutcomeInDoubt command) {
        if (status == WriteStatus.IN_FLIGHT && command.attempt() == attempt) {
            apply(new OutcomeInDoubt(writeId, command.attempt(), command.reason(), command.at()));
        }
    }

    @CommandHandler
    public void handle(ReconcileInDoubt command) {
        requireActor(command.actor());
        if (status != WriteStatus.IN_DOUBT || command.attempt() != attempt) {
            if (command.actor().role() == Actor.Role.ENGINE) {
                return;
            }
            throw WriteRuleViolation.illegalTransition(writeId, status, "settle the outcome of");
        }
        apply(new InDoubtReconciled(writeId, attempt, command.applied(), command.realId(), command.record(),
                command.modifiedDate(), command.method(), command.actor(), command.at(), command.lookup()));
    }

    @CommandHandler
    public void handle(AbortAttempt command) {
        if (status == WriteStatus.IN_FLIGHT && command.attempt() == attempt) {
            apply(new AttemptAborted(writeId, command.attempt(), command.reason(), command.at()));
        }
    }

    @CommandHandler
    public void handle(ResolveConflict command) {
        requireActor(command.actor());
        if (status != WriteStatus.CONFLICT) {
            throw WriteRuleViolation.illegalTransition(writeId, status, "resolve a conflict of");
        }
        Resolution resolution = Objects.requireNonNull(command.resolution(), "resolution");
        boolean newPayload = resolution == Resolution.MERGED || resolution == Resolution.AUTO_MERGED;
        if (newPayload && command.mergedPayload() == null) {
            throw new WriteRuleViolation("merged_payload_missing", writeId, "a merged resolution needs a payload");
        }
        if (resolution == Resolution.AUTO_MERGED && command.actor().role() != Actor.Role.ENGINE) {
            throw new WriteRuleViolation("auto_merge_by_engine", writeId, "only care-sync merges automatically");
        }
        apply(new ConflictResolved(writeId, resolution, command.actor(), command.reason(),
                newPayload ? command.mergedPayload() : null,
                resolution == Resolution.TAKE_THEIRS ? null : conflictModifiedDate,
                command.autoMergedFields() == null ? List.of() : command.autoMergedFields(), command.at()));
    }

    @CommandHandler
    public void handle(ReleaseForRetry command) {
        if (status == WriteStatus.FAILED && retryable && attempt == command.failedAttempt()) {
            apply(new RetryRequested(writeId, true, Actor.ENGINE, command.at()));
        }
    }

    @CommandHandler
    public void handle(RequestRetry command) {
        requireActor(command.actor());
        if (status != WriteStatus.FAILED && status != WriteStatus.CONFLICT) {
            throw WriteRuleViolation.illegalTransition(writeId, status, "retry");
        }
        apply(new RetryRequested(writeId, false, command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(DiscardWrite command) {
        requireActor(command.actor());
        if (!DISCARDABLE.contains(status)) {
            throw WriteRuleViolation.illegalTransition(writeId, status, "discard");
        }
        apply(new WriteDiscarded(writeId, command.actor(), command.reason(), command.at()));
    }

    @CommandHandler
    public boolean handle(ArchiveWrite command) {
        if (status != WriteStatus.SUCCESS || archived) {
            return false;
        }
        apply(new WriteArchived(writeId, command.at()));
        return true;
    }

    private boolean isOutcomeOfCurrentAttempt(int outcomeAttempt) {
        return outcomeAttempt == attempt && (status == WriteStatus.IN_FLIGHT || status == WriteStatus.IN_DOUBT);
    }

    private void requireActor(Actor actor) {
        if (actor == null || !actor.mayActOnWritesOf(userId)) {
            throw WriteRuleViolation.notOwner(writeId);
        }
    }

    private void resolve(String parent, String realId, String parentModifiedDate, Instant at) {
        TemporaryIdSubstitution.Result result = TemporaryIdSubstitution.substitute(parent, realId, pathParams,
                queryParams, payload, recordKey, temporaryIdPlaces);
        // a device editing a record it created offline saw a placeholder version of it: expect the real one
        boolean editsTheParentsRecord = serverTimestamp != null && recordKey != null && recordKey.contains(parent);
        String expected = editsTheParentsRecord && parentModifiedDate != null ? parentModifiedDate : null;
        apply(new DependencyResolved(writeId, parent, parent, realId, result.replacements(), result.pathParams(),
                result.queryParams(), result.payload(), result.recordKey(), expected, at));
    }

    /** After a parent settled: pending when nothing is left to wait for, else blocked for what is left. */
    private void releaseOrRewait(String settledParent, Instant at) {
        if (status != WriteStatus.BLOCKED || blockReason == BlockReason.AUTH_REQUIRED) {
            return;
        }
        List<String> stillFailed = blockReason == BlockReason.PARENT_FAILED
                ? blockedBy.stream().filter(p -> !p.equals(settledParent) && unresolvedParents.contains(p)).toList()
                : List.of();
        if (!stillFailed.isEmpty()) {
            if (!stillFailed.equals(blockedBy)) {
                apply(new WriteBlocked(writeId, BlockReason.PARENT_FAILED, stillFailed, null, at));
            }
        } else if (unresolvedParents.isEmpty()) {
            apply(new WriteUnblocked(writeId, blockReason, at));
        } else if (blockReason != BlockReason.WAITING_FOR_PARENT
                || !blockedBy.equals(List.copyOf(unresolvedParents))) {
            apply(new WriteBlocked(writeId, BlockReason.WAITING_FOR_PARENT, List.copyOf(unresolvedParents), null,
                    at));
        }
    }

    @EventSourcingHandler
    void on(OfflineWriteCreated event) {
        writeId = event.writeId();
        userId = event.userId();
        contentHash = event.contentHash();
        pathParams = event.pathParams();
        queryParams = event.queryParams();
        payload = event.payload();
        recordKey = event.recordKey();
        serverTimestamp = event.serverTimestamp();
        temporaryIdPlaces = TemporaryIdPlaces.of(event.temporaryIds());
        unresolvedParents.addAll(event.parentMutationIds());
        status = WriteStatus.PENDING;
    }

    @EventSourcingHandler
    void on(WriteBlocked event) {
        status = WriteStatus.BLOCKED;
        blockReason = event.reason();
        blockedBy = List.copyOf(event.blockedBy());
    }

    @EventSourcingHandler
    void on(WriteUnblocked event) {
        status = WriteStatus.PENDING;
        blockReason = null;
        blockedBy = List.of();
    }

    @EventSourcingHandler
    void on(ParentRepointed event) {
        if (event.toParentWriteId() != null) {
            unresolvedParents.add(event.toParentWriteId());
        }
    }

    @EventSourcingHandler
    void on(DependencyResolved event) {
        unresolvedParents.remove(event.parentWriteId());
        pathParams = event.pathParams();
        queryParams = event.queryParams();
        payload = event.payload();
        recordKey = event.recordKey();
        if (event.serverTimestamp() != null) {
            serverTimestamp = event.serverTimestamp();
        }
        revision++;
    }

    @EventSourcingHandler
    void on(SyncAttempted event) {
        attempt = event.attempt();
        status = WriteStatus.IN_FLIGHT;
    }

    @EventSourcingHandler
    void on(Synced event) {
        status = WriteStatus.SUCCESS;
    }

    @EventSourcingHandler
    void on(SyncFailed event) {
        status = WriteStatus.FAILED;
        retries = event.retries();
        retryable = event.retryable();
    }

    @EventSourcingHandler
    void on(ConflictDetected event) {
        status = WriteStatus.CONFLICT;
        conflictModifiedDate = event.serverModifiedDate();
    }

    @EventSourcingHandler
    void on(OutcomeInDoubt event) {
        status = WriteStatus.IN_DOUBT;
    }

    @EventSourcingHandler
    void on(InDoubtReconciled event) {
        status = event.applied() ? WriteStatus.SUCCESS : WriteStatus.PENDING;
    }

    @EventSourcingHandler
    void on(AttemptAborted event) {
        status = WriteStatus.PENDING;
    }

    @EventSourcingHandler
    void on(ConflictResolved event) {
        if (event.resolution() == Resolution.TAKE_THEIRS) {
            status = WriteStatus.DISCARDED;
            return;
        }
        if (event.payload() != null) {
            payload = event.payload();
        }
        if (event.serverTimestamp() != null) {
            serverTimestamp = event.serverTimestamp();
        }
        status = WriteStatus.PENDING;
        revision++;
    }

    @EventSourcingHandler
    void on(RetryRequested event) {
        status = WriteStatus.PENDING;
        retryable = false;
        if (!event.automatic()) {
            retries = 0;
        }
    }

    @EventSourcingHandler
    void on(WriteDiscarded event) {
        status = WriteStatus.DISCARDED;
    }

    @EventSourcingHandler
    void on(WriteArchived event) {
        archived = true;
    }
}

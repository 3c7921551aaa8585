package network.ohc.caresync.application.dependency;

import network.ohc.caresync.domain.dependency.Replacement;
import network.ohc.caresync.domain.write.Actor;
import network.ohc.caresync.domain.write.AttemptRequest;
import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.ConflictDetected;
import network.ohc.caresync.domain.write.ConflictResolved;
import network.ohc.caresync.domain.write.ConflictSource;
import network.ohc.caresync.domain.write.DependencyResolved;
import network.ohc.caresync.domain.write.FailureKind;
import network.ohc.caresync.domain.write.InDoubtReconciled;
import network.ohc.caresync.domain.write.MarkParentFailed;
import network.ohc.caresync.domain.write.MarkParentRecovering;
import network.ohc.caresync.domain.write.OfflineWriteCreated;
import network.ohc.caresync.domain.write.OutcomeInDoubt;
import network.ohc.caresync.domain.write.ParentRepointed;
import network.ohc.caresync.domain.write.Resolution;
import network.ohc.caresync.domain.write.ResolveDependency;
import network.ohc.caresync.domain.write.RetryRequested;
import network.ohc.caresync.domain.write.SyncAttempted;
import network.ohc.caresync.domain.write.SyncFailed;
import network.ohc.caresync.domain.write.Synced;
import network.ohc.caresync.domain.write.UpstreamFailure;
import network.ohc.caresync.domain.write.WriteBlocked;
import network.ohc.caresync.domain.write.WriteDiscarded;
import network.ohc.caresync.domain.write.WriteStatus;
import network.ohc.caresync.domain.write.WriteUnblocked;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class DependencySagaTest {

    static final String CHILD = "offline-6f1c2a1e-7a52-4d0e-9d51-6c8a3f0e2b11";
    static final String PARENT = "offline-0b0e7a3c-2f0d-4f0e-8f5c-1b2f4c6d8e01";
    static final String OTHER = "offline-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    static final String REAL = "5b7e6c1a-8f43-4a9e-b0c2-2d1e3f4a5b6c";
    static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    SagaTestFixture<DependencySaga> fixture;
    Map<String, ParentState> parentStates;

    @BeforeEach
    void setUp() {
        parentStates = new HashMap<>();
        fixture = new SagaTestFixture<>(DependencySaga.class);
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerResource(new ParentStates(null) {
            @Override
            public ParentState of(String writeId) {
                return parentStates.getOrDefault(writeId, new ParentState(WriteStatus.PENDING, null, false, null));
            }
        });
    }

    static OfflineWriteCreated created(String id, List<String> parents) {
        return new OfflineWriteCreated(id, "nurse", "tablet", "create_encounter", "create", "encounter",
                "encounter:" + id, Map.of(), Map.of(), Map.of("patient", PARENT), parents, 1L, null, null, null, "h",
                NOW);
    }

    static Synced synced(String id) {
        return new Synced(id, 1, 200, Map.of("id", REAL), null, REAL, NOW);
    }

    static Synced synced(String id, String modifiedDate) {
        return new Synced(id, 1, 200, Map.of("id", REAL), modifiedDate, REAL, NOW);
    }

    static DependencyResolved resolved(String parent) {
        return new DependencyResolved(CHILD, parent, parent, REAL, List.of(new Replacement("payload.patient", parent,
                REAL)), Map.of(), Map.of(), Map.of("patient", REAL), "encounter:" + CHILD, null, NOW);
    }

    static SyncFailed failedForGood(String id) {
        return new SyncFailed(id, 1, new UpstreamFailure(FailureKind.VALIDATION, 400, "HTTP 400", List.of()), 1, false,
                null, NOW);
    }

    static ConflictDetected conflictOf(String id) {
        return new ConflictDetected(id, 1, ConflictSource.MODIFIED_DATE_CHANGED, Map.of(), "m", "e", NOW);
    }

    @Test
    void aParentThatIsItselfAChildGetsItsOwnSagaEvenWhenItsChildsSagaStartedFirst() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(created(PARENT, List.of(OTHER)))
                .expectActiveSagas(2)
                .expectAssociationWith("writeId", PARENT)
                .expectAssociationWith("parentWriteId", OTHER);
    }

    @Test
    void aWriteWithoutParentsNeedsNoSaga() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(created(CHILD, List.of()))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aChildWaitsForItsParent() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(created(CHILD, List.of(PARENT)))
                .expectActiveSagas(1)
                .expectAssociationWith("parentWriteId", PARENT)
                .expectNoDispatchedCommands();
    }

    @Test
    void aSyncedParentGivesTheChildItsRealId() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(synced(PARENT))
                .expectDispatchedCommands(new ResolveDependency(CHILD, PARENT, REAL, null, NOW));
    }

    @Test
    void theParentsNewVersionTravelsWithItsRealId() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(synced(PARENT, "2026-11-25T08:00:01.000001Z"))
                .expectDispatchedCommands(new ResolveDependency(CHILD, PARENT, REAL, "2026-11-25T08:00:01.000001Z",
                        NOW));
    }

    @Test
    void aParentSyncedBeforeTheChildArrivedIsResolvedAtOnce() {
        parentStates.put(PARENT, new ParentState(WriteStatus.SUCCESS, REAL, false, null));
        fixture.givenNoPriorActivity()
                .whenPublishingA(created(CHILD, List.of(PARENT)))
                .expectDispatchedCommands(new ResolveDependency(CHILD, PARENT, REAL, null, NOW));
    }

    @Test
    void aChildWhoseParentsWereResolvedWhenItWasHandedOverEndsItsSagaWithoutWaiting() {
        parentStates.put(PARENT, new ParentState(WriteStatus.SUCCESS, REAL, false, null));
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(resolved(PARENT))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aChildWithOneParentResolvedWhenItWasHandedOverWaitsOnlyForTheOther() {
        parentStates.put(PARENT, new ParentState(WriteStatus.SUCCESS, REAL, false, null));
        fixture.givenAPublished(created(CHILD, List.of(PARENT, OTHER)))
                .whenPublishingA(resolved(PARENT))
                .expectActiveSagas(1)
                .expectNoAssociationWith("parentWriteId", PARENT)
                .expectAssociationWith("parentWriteId", OTHER)
                .expectNoDispatchedCommands();
    }

    @Test
    void theParentLeftAfterTheHandOverIsStillResolvedAndThenTheSagaEnds() {
        parentStates.put(PARENT, new ParentState(WriteStatus.SUCCESS, REAL, false, null));
        fixture.givenAPublished(created(CHILD, List.of(PARENT, OTHER)))
                .andThenAPublished(resolved(PARENT))
                .andThenAPublished(synced(OTHER))
                .whenPublishingA(resolved(OTHER))
                .expectActiveSagas(0);
    }

    @Test
    void theParentLeftAfterTheHandOverGetsItsRealIdWhenItSyncs() {
        parentStates.put(PARENT, new ParentState(WriteStatus.SUCCESS, REAL, false, null));
        fixture.givenAPublished(created(CHILD, List.of(PARENT, OTHER)))
                .andThenAPublished(resolved(PARENT))
                .whenPublishingA(synced(OTHER))
                .expectDispatchedCommands(new ResolveDependency(CHILD, OTHER, REAL, null, NOW));
    }

    @Test
    void aParentThatFailedBeforeTheChildArrivedHoldsItBackAtOnce() {
        parentStates.put(PARENT, new ParentState(WriteStatus.FAILED, null, false, null));
        fixture.givenNoPriorActivity()
                .whenPublishingA(created(CHILD, List.of(PARENT)))
                .expectDispatchedCommands(new MarkParentFailed(CHILD, PARENT, WriteStatus.FAILED, NOW));
    }

    @Test
    void aParentInDoubtFoundAppliedGivesTheChildTheFoundId() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new InDoubtReconciled(PARENT, 1, true, REAL, Map.of("id", REAL), null, "lookup",
                        Actor.ENGINE, NOW))
                .expectDispatchedCommands(new ResolveDependency(CHILD, PARENT, REAL, null, NOW));
    }

    @Test
    void aParentThatFailedForGoodHoldsTheChildBack() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new SyncFailed(PARENT, 1, new UpstreamFailure(FailureKind.VALIDATION, 400, "HTTP 400",
                        List.of()), 1, false, null, NOW))
                .expectDispatchedCommands(new MarkParentFailed(CHILD, PARENT, WriteStatus.FAILED, NOW));
    }

    @Test
    void aParentThatWillBeRetriedKeepsTheChildWaiting() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new SyncFailed(PARENT, 1, new UpstreamFailure(FailureKind.SERVER_ERROR, 503,
                        "HTTP 503", List.of()), 1, true, NOW.plusSeconds(2), NOW))
                .expectNoDispatchedCommands();
    }

    @Test
    void aConflictingParentHoldsTheChildBack() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new ConflictDetected(PARENT, 1, ConflictSource.MODIFIED_DATE_CHANGED, Map.of(), "m",
                        "e", NOW))
                .expectDispatchedCommands(new MarkParentFailed(CHILD, PARENT, WriteStatus.CONFLICT, NOW));
    }

    @Test
    void aParentInDoubtHoldsTheChildBack() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new OutcomeInDoubt(PARENT, 1, "reset", NOW))
                .expectDispatchedCommands(new MarkParentFailed(CHILD, PARENT, WriteStatus.IN_DOUBT, NOW));
    }

    @Test
    void aDiscardedParentHoldsTheChildBack() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new WriteDiscarded(PARENT, Actor.user("nurse"), "duplicate", NOW))
                .expectDispatchedCommands(new MarkParentFailed(CHILD, PARENT, WriteStatus.DISCARDED, NOW));
    }

    @Test
    void takingTheirVersionOfAParentHoldsTheChildBack() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new ConflictResolved(PARENT, Resolution.TAKE_THEIRS, Actor.user("nurse"), null, null,
                        null, List.of(), NOW))
                .expectDispatchedCommands(new MarkParentFailed(CHILD, PARENT, WriteStatus.DISCARDED, NOW));
    }

    @Test
    void aRetriedParentLetsTheChildWaitAgain() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new RetryRequested(PARENT, false, Actor.user("nurse"), NOW))
                .expectDispatchedCommands(new MarkParentRecovering(CHILD, PARENT, NOW));
    }

    @Test
    void aResolvedParentConflictLetsTheChildWaitAgain() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new ConflictResolved(PARENT, Resolution.KEEP_MINE, Actor.user("nurse"), null, null,
                        "m", List.of(), NOW))
                .expectDispatchedCommands(new MarkParentRecovering(CHILD, PARENT, NOW));
    }

    @Test
    void aBlockedGrandparentHoldsBackTheWholeChain() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new WriteBlocked(PARENT, BlockReason.PARENT_FAILED, List.of(OTHER), null, NOW))
                .expectDispatchedCommands(new MarkParentFailed(CHILD, PARENT, WriteStatus.BLOCKED, NOW));
    }

    @Test
    void aParentReleasedFromItsOwnBlockLetsTheChildWaitAgain() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new WriteUnblocked(PARENT, BlockReason.PARENT_FAILED, NOW))
                .expectDispatchedCommands(new MarkParentRecovering(CHILD, PARENT, NOW));
    }

    @Test
    void theChildsOwnEventsAreNotMistakenForAParents() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new SyncAttempted(CHILD, 1, "n", new AttemptRequest("POST", "/", "h"), NOW))
                .expectNoDispatchedCommands();
    }

    @Test
    void theSagaEndsWhenEveryParentIsResolved() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .andThenAPublished(synced(PARENT))
                .whenPublishingA(resolved(PARENT))
                .expectActiveSagas(0);
    }

    @Test
    void aDiamondWaitsForBothParents() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT, OTHER)))
                .andThenAPublished(synced(PARENT))
                .whenPublishingA(resolved(PARENT))
                .expectActiveSagas(1)
                .expectAssociationWith("parentWriteId", OTHER);
    }

    @Test
    void aDiscardedChildEndsTheSaga() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new WriteDiscarded(CHILD, Actor.user("nurse"), "no longer needed", NOW))
                .expectActiveSagas(0);
    }

    @Test
    void aChildRepointedAtAnotherParentWaitsForThatOne() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new ParentRepointed(CHILD, PARENT, OTHER, null, Actor.user("nurse"), NOW))
                .expectAssociationWith("parentWriteId", OTHER);
    }

    @Test
    void aParentThatFailedForGoodAndSyncsLaterStillGivesTheChildItsRealId() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .andThenAPublished(failedForGood(PARENT))
                .andThenAPublished(new RetryRequested(PARENT, false, Actor.user("nurse"), NOW))
                .whenPublishingA(synced(PARENT))
                .expectDispatchedCommands(new ResolveDependency(CHILD, PARENT, REAL, null, NOW));
    }

    @Test
    void aFailedParentKeepsTheSagaWaitingForItsRecovery() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(failedForGood(PARENT))
                .expectActiveSagas(1)
                .expectAssociationWith("parentWriteId", PARENT);
    }

    @Test
    void aConflictingParentResolvedAndSyncedLaterGivesTheChildItsRealId() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .andThenAPublished(conflictOf(PARENT))
                .andThenAPublished(new ConflictResolved(PARENT, Resolution.KEEP_MINE, Actor.user("nurse"), null, null,
                        "m", List.of(), NOW))
                .whenPublishingA(synced(PARENT))
                .expectDispatchedCommands(new ResolveDependency(CHILD, PARENT, REAL, null, NOW));
    }

    @Test
    void aParentInDoubtFoundAppliedLaterGivesTheChildTheFoundId() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .andThenAPublished(new OutcomeInDoubt(PARENT, 1, "reset", NOW))
                .whenPublishingA(new InDoubtReconciled(PARENT, 1, true, REAL, Map.of("id", REAL),
                        "2026-11-25T08:00:01.000001Z", "lookup", Actor.ENGINE, NOW))
                .expectDispatchedCommands(new ResolveDependency(CHILD, PARENT, REAL, "2026-11-25T08:00:01.000001Z",
                        NOW));
    }

    @Test
    void aParentInDoubtFoundNotAppliedLetsTheChildWaitAgain() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .andThenAPublished(new OutcomeInDoubt(PARENT, 1, "reset", NOW))
                .whenPublishingA(new InDoubtReconciled(PARENT, 1, false, null, null, null, "lookup", Actor.ENGINE,
                        NOW))
                .expectDispatchedCommands(new MarkParentRecovering(CHILD, PARENT, NOW));
    }

    @Test
    void aParentRetriedByItsTimerLetsTheChildWaitAgain() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new RetryRequested(PARENT, true, Actor.ENGINE, NOW))
                .expectDispatchedCommands(new MarkParentRecovering(CHILD, PARENT, NOW));
    }

    @Test
    void aParentSyncedWithoutARealIdHoldsTheChildBack() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new Synced(PARENT, 1, 204, null, null, null, NOW))
                .expectDispatchedCommands(new MarkParentFailed(CHILD, PARENT, WriteStatus.SUCCESS, NOW));
    }

    @Test
    void aParentWaitingForItsOwnParentLetsTheChildWaitNormally() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new WriteBlocked(PARENT, BlockReason.WAITING_FOR_PARENT, List.of(OTHER), null, NOW))
                .expectDispatchedCommands(new MarkParentRecovering(CHILD, PARENT, NOW));
    }

    @Test
    void aParentWaitingForItsUserToSignInLetsTheChildWaitNormally() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new WriteBlocked(PARENT, BlockReason.AUTH_REQUIRED, List.of(), "sign in again", NOW))
                .expectDispatchedCommands(new MarkParentRecovering(CHILD, PARENT, NOW));
    }

    @Test
    void aDiscardedParentDoesNotEndTheChildsSaga() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new WriteDiscarded(PARENT, Actor.user("nurse"), "duplicate", NOW))
                .expectActiveSagas(1)
                .expectAssociationWith("parentWriteId", PARENT);
    }

    @Test
    void aParentInConflictBeforeTheChildArrivedHoldsItBackAtOnce() {
        parentStates.put(PARENT, new ParentState(WriteStatus.CONFLICT, null, false, null));
        fixture.givenNoPriorActivity()
                .whenPublishingA(created(CHILD, List.of(PARENT)))
                .expectDispatchedCommands(new MarkParentFailed(CHILD, PARENT, WriteStatus.CONFLICT, NOW));
    }

    @Test
    void aParentInDoubtBeforeTheChildArrivedHoldsItBackAtOnce() {
        parentStates.put(PARENT, new ParentState(WriteStatus.IN_DOUBT, null, false, null));
        fixture.givenNoPriorActivity()
                .whenPublishingA(created(CHILD, List.of(PARENT)))
                .expectDispatchedCommands(new MarkParentFailed(CHILD, PARENT, WriteStatus.IN_DOUBT, NOW));
    }

    @Test
    void aParentDiscardedBeforeTheChildArrivedHoldsItBackAtOnce() {
        parentStates.put(PARENT, new ParentState(WriteStatus.DISCARDED, null, false, null));
        fixture.givenNoPriorActivity()
                .whenPublishingA(created(CHILD, List.of(PARENT)))
                .expectDispatchedCommands(new MarkParentFailed(CHILD, PARENT, WriteStatus.DISCARDED, NOW));
    }

    @Test
    void aParentThatWillBeRetriedBeforeTheChildArrivedKeepsItWaiting() {
        parentStates.put(PARENT, new ParentState(WriteStatus.FAILED, null, true, null));
        fixture.givenNoPriorActivity()
                .whenPublishingA(created(CHILD, List.of(PARENT)))
                .expectNoDispatchedCommands();
    }

    @Test
    void aChildRepointedAtAnExistingRecordWaitsForNoOtherWrite() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new ParentRepointed(CHILD, PARENT, null, REAL, Actor.user("nurse"), NOW))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void aChildRepointedAtAParentThatAlreadySyncedIsResolvedAtOnce() {
        parentStates.put(OTHER, new ParentState(WriteStatus.SUCCESS, REAL, false, null));
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .whenPublishingA(new ParentRepointed(CHILD, PARENT, OTHER, null, Actor.user("nurse"), NOW))
                .expectDispatchedCommands(new ResolveDependency(CHILD, OTHER, REAL, null, NOW));
    }

    @Test
    void aRepointedChildIsResolvedWhenItsNewParentSyncs() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT)))
                .andThenAPublished(new ParentRepointed(CHILD, PARENT, OTHER, null, Actor.user("nurse"), NOW))
                .andThenAPublished(new DependencyResolved(CHILD, PARENT, PARENT, OTHER, List.of(), Map.of(), Map.of(),
                        Map.of("patient", OTHER), "encounter:" + CHILD, null, NOW))
                .whenPublishingA(synced(OTHER))
                .expectDispatchedCommands(new ResolveDependency(CHILD, OTHER, REAL, null, NOW))
                .expectNoAssociationWith("parentWriteId", PARENT);
    }

    @Test
    void aRedeliveredSyncOfAResolvedParentNoLongerReachesTheChild() {
        fixture.givenAPublished(created(CHILD, List.of(PARENT, OTHER)))
                .andThenAPublished(synced(PARENT))
                .andThenAPublished(resolved(PARENT))
                .whenPublishingA(synced(PARENT))
                .expectNoDispatchedCommands()
                .expectNoAssociationWith("parentWriteId", PARENT);
    }
}

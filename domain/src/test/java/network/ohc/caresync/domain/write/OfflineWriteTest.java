package network.ohc.caresync.domain.write;

import network.ohc.caresync.domain.dependency.Replacement;
import network.ohc.caresync.domain.retry.RetryPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

class OfflineWriteTest {

    static final String WRITE = "offline-6f1c2a1e-7a52-4d0e-9d51-6c8a3f0e2b11";
    static final String PARENT = "offline-0b0e7a3c-2f0d-4f0e-8f5c-1b2f4c6d8e01";
    static final String OTHER_PARENT = "offline-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    static final String REAL_PATIENT = "5b7e6c1a-8f43-4a9e-b0c2-2d1e3f4a5b6c";
    static final String NURSE = "nurse-asha-id";
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);
    static final AttemptRequest POST_ENCOUNTER = new AttemptRequest("POST", "/api/v1/encounter/", "hash");
    static final UpstreamFailure UNAVAILABLE = new UpstreamFailure(FailureKind.SERVER_ERROR, 503, "HTTP 503", List.of());
    static final UpstreamFailure INVALID = new UpstreamFailure(FailureKind.VALIDATION, 400, "HTTP 400",
            List.of(Map.of("type", "missing", "loc", List.of("gender"), "msg", "Field required")));

    AggregateTestFixture<OfflineWrite> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OfflineWrite.class);
        fixture.registerInjectableResource(new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5), 3, 0));
    }

    static RecordOfflineWrite record(List<String> parents) {
        return recordAs(NURSE, parents, "hash-1");
    }

    static RecordOfflineWrite recordAs(String user, List<String> parents, String hash) {
        return new RecordOfflineWrite(WRITE, user, "tablet-3", "create_encounter", "create", "encounter",
                "encounter:" + WRITE, Map.of(), Map.of(), Map.of("patient", PARENT, "status", "in_progress"),
                parents, 1_700_000_000_000L, null, null, null, hash, T0);
    }

    static OfflineWriteCreated created(List<String> parents) {
        return new OfflineWriteCreated(WRITE, NURSE, "tablet-3", "create_encounter", "create", "encounter",
                "encounter:" + WRITE, Map.of(), Map.of(), Map.of("patient", PARENT, "status", "in_progress"),
                parents, 1_700_000_000_000L, null, null, null, "hash-1", T0);
    }

    static WriteBlocked waitingFor(String... parents) {
        return new WriteBlocked(WRITE, BlockReason.WAITING_FOR_PARENT, List.of(parents), null, T0);
    }

    static SyncAttempted attempted(int attempt) {
        return new SyncAttempted(WRITE, attempt, "node-a", POST_ENCOUNTER, T0);
    }

    static SyncFailed failed(int attempt, int retries, boolean retryable) {
        return new SyncFailed(WRITE, attempt, UNAVAILABLE, retries, retryable, retryable ? T0.plusSeconds(2) : null, T0);
    }

    static ConflictDetected conflict(int attempt) {
        return new ConflictDetected(WRITE, attempt, ConflictSource.MODIFIED_DATE_CHANGED, Map.of("name", "Asha"),
                "2026-11-25T07:00:00.000001Z", "2026-11-20T07:00:00.000001Z", T0);
    }

    static DependencyResolved resolvedParent() {
        return new DependencyResolved(WRITE, PARENT, PARENT, REAL_PATIENT,
                List.of(new Replacement("payload.patient", PARENT, REAL_PATIENT)), Map.of(), Map.of(),
                Map.of("patient", REAL_PATIENT, "status", "in_progress"), "encounter:" + WRITE, null, T1);
    }

    /** The events of a write on its second attempt, after the first failed and the timer released it. */
    static Object[] onItsSecondAttempt() {
        return new Object[]{created(List.of()), attempted(1), failed(1, 1, true),
                new RetryRequested(WRITE, true, Actor.ENGINE, T1), attempted(2)};
    }

    /** A refusal carrying the stable code the API answers with. */
    static Matcher<WriteRuleViolation> refused(String code) {
        return new FeatureMatcher<>(equalTo(code), "a refusal with code", "code") {
            @Override
            protected String featureValueOf(WriteRuleViolation actual) {
                return actual.code();
            }
        };
    }

    @Nested
    class HandOver {
        @Test
        void aNewWriteIsCreatedPending() {
            fixture.givenNoPriorActivity()
                    .when(record(List.of()))
                    .expectEvents(created(List.of()))
                    .expectResultMessagePayload(new HandOverResult(true, WriteStatus.PENDING, null, List.of()));
        }

        @Test
        void aWriteWithParentsWaitsForThem() {
            fixture.givenNoPriorActivity()
                    .when(record(List.of(PARENT)))
                    .expectEvents(created(List.of(PARENT)), waitingFor(PARENT))
                    .expectResultMessagePayload(new HandOverResult(true, WriteStatus.BLOCKED,
                            BlockReason.WAITING_FOR_PARENT, List.of(PARENT)));
        }

        @Test
        void handingOverTheSameContentAgainStoresNothing() {
            fixture.given(created(List.of()))
                    .when(record(List.of()))
                    .expectNoEvents()
                    .expectResultMessagePayload(new HandOverResult(false, WriteStatus.PENDING, null, List.of()));
        }

        @Test
        void theSameIdWithOtherContentIsRefused() {
            fixture.given(created(List.of()))
                    .when(recordAs(NURSE, List.of(), "hash-2"))
                    .expectNoEvents()
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void theSameIdFromAnotherUserIsRefused() {
            fixture.given(created(List.of()))
                    .when(recordAs("someone-else", List.of(), "hash-1"))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void aWriteCannotBeItsOwnParent() {
            fixture.givenNoPriorActivity()
                    .when(record(List.of(WRITE)))
                    .expectNoEvents()
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void aParentNamedTwiceIsWaitedForOnce() {
            fixture.givenNoPriorActivity()
                    .when(record(List.of(PARENT, PARENT)))
                    .expectEvents(created(List.of(PARENT)), waitingFor(PARENT));
        }

        @Test
        void handingOverABlockedWriteAgainAnswersWhereItStands() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(record(List.of(PARENT)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new HandOverResult(false, WriteStatus.BLOCKED,
                            BlockReason.WAITING_FOR_PARENT, List.of(PARENT)));
        }
    }

    /** Parents that were created upstream before their child arrived: the child takes their real ids at once. */
    @Nested
    class HandOverAfterParentsSynced {

        static final String OTHER_REAL = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
        static final Map<String, Object> ENCOUNTER = Map.of("patient", PARENT, "status", "in_progress");
        static final Map<String, Object> ENCOUNTER_WITH_REAL_PATIENT = Map.of("patient", REAL_PATIENT,
                "status", "in_progress");

        RecordOfflineWrite recordAfter(List<String> parents, List<SyncedParent> synced) {
            return new RecordOfflineWrite(WRITE, NURSE, "tablet-3", "create_encounter", "create", "encounter",
                    "encounter:" + WRITE, Map.of(), Map.of(), ENCOUNTER, parents, 1_700_000_000_000L, null, null, null,
                    "hash-1", T0, synced, null);
        }

        DependencyResolved resolvedAtHandOver() {
            return new DependencyResolved(WRITE, PARENT, PARENT, REAL_PATIENT,
                    List.of(new Replacement("payload.patient", PARENT, REAL_PATIENT)), Map.of(), Map.of(),
                    ENCOUNTER_WITH_REAL_PATIENT, "encounter:" + WRITE, null, T0);
        }

        @Test
        void aChildWhoseParentIsSyncedAlreadyGoesStraightToPendingWithTheRealId() {
            fixture.givenNoPriorActivity()
                    .when(recordAfter(List.of(PARENT), List.of(new SyncedParent(PARENT, REAL_PATIENT, null))))
                    .expectEvents(created(List.of(PARENT)), resolvedAtHandOver())
                    .expectResultMessagePayload(new HandOverResult(true, WriteStatus.PENDING, null, List.of(),
                            new HandOverResult.Values(Map.of(), Map.of(), ENCOUNTER_WITH_REAL_PATIENT)));
        }

        @Test
        void aChildOfASyncedAndAnUnsyncedParentWaitsOnlyForTheUnsyncedOne() {
            fixture.givenNoPriorActivity()
                    .when(recordAfter(List.of(PARENT, OTHER_PARENT),
                            List.of(new SyncedParent(PARENT, REAL_PATIENT, null))))
                    .expectEvents(created(List.of(PARENT, OTHER_PARENT)), resolvedAtHandOver(),
                            waitingFor(OTHER_PARENT))
                    .expectResultMessagePayload(new HandOverResult(true, WriteStatus.BLOCKED,
                            BlockReason.WAITING_FOR_PARENT, List.of(OTHER_PARENT),
                            new HandOverResult.Values(Map.of(), Map.of(), ENCOUNTER_WITH_REAL_PATIENT)));
        }

        @Test
        void theOtherParentSyncingLaterReleasesTheChild() {
            fixture.given(created(List.of(PARENT, OTHER_PARENT)), resolvedAtHandOver(), waitingFor(OTHER_PARENT))
                    .when(new ResolveDependency(WRITE, OTHER_PARENT, OTHER_REAL, null, T1))
                    .expectEvents(new DependencyResolved(WRITE, OTHER_PARENT, OTHER_PARENT, OTHER_REAL, List.of(),
                                    Map.of(), Map.of(), ENCOUNTER_WITH_REAL_PATIENT, "encounter:" + WRITE, null, T1),
                            new WriteUnblocked(WRITE, BlockReason.WAITING_FOR_PARENT, T1));
        }

        @Test
        void theSagasLateWordOnAParentResolvedAtHandOverChangesNothing() {
            fixture.given(created(List.of(PARENT)), resolvedAtHandOver())
                    .when(new ResolveDependency(WRITE, PARENT, REAL_PATIENT, null, T1))
                    .expectNoEvents();
        }

        @Test
        void aParentSyncedWithoutARealIdIsLeftToTheSaga() {
            fixture.givenNoPriorActivity()
                    .when(recordAfter(List.of(PARENT), List.of(new SyncedParent(PARENT, null, null))))
                    .expectEvents(created(List.of(PARENT)), waitingFor(PARENT));
        }

        @Test
        void aSyncedWriteThatIsNotAParentChangesNothing() {
            fixture.givenNoPriorActivity()
                    .when(recordAfter(List.of(), List.of(new SyncedParent(PARENT, REAL_PATIENT, null))))
                    .expectEvents(created(List.of()))
                    .expectResultMessagePayload(new HandOverResult(true, WriteStatus.PENDING, null, List.of()));
        }

        @Test
        void anEditOfARecordWhoseCreateSyncedAlreadyExpectsTheVersionItProduced() {
            RecordOfflineWrite edit = new RecordOfflineWrite(WRITE, NURSE, "tablet-3", "update_patient", "update",
                    "patient", "patient:" + PARENT, Map.of("id", PARENT), Map.of("id", PARENT),
                    Map.of("address", "New"), List.of(PARENT), 1L, "2026-11-25T07:59:00.000000Z", "getPatient", null,
                    "hash-1", T0, List.of(new SyncedParent(PARENT, REAL_PATIENT, "2026-11-25T08:00:01.000001Z")),
                    null);
            fixture.givenNoPriorActivity()
                    .when(edit)
                    .expectEvents(new OfflineWriteCreated(WRITE, NURSE, "tablet-3", "update_patient", "update",
                                    "patient", "patient:" + PARENT, Map.of("id", PARENT), Map.of("id", PARENT),
                                    Map.of("address", "New"), List.of(PARENT), 1L, "2026-11-25T07:59:00.000000Z",
                                    "getPatient", null, "hash-1", T0),
                            new DependencyResolved(WRITE, PARENT, PARENT, REAL_PATIENT, List.of(
                                    new Replacement("pathParams.id", PARENT, REAL_PATIENT),
                                    new Replacement("queryParams.id", PARENT, REAL_PATIENT)),
                                    Map.of("id", REAL_PATIENT), Map.of("id", REAL_PATIENT), Map.of("address", "New"),
                                    "patient:" + REAL_PATIENT, "2026-11-25T08:00:01.000001Z", T0));
        }

        @Test
        void aRouteThatNarrowsWhereTemporaryIdsSitLeavesOtherPlacesAlone() {
            Map<String, Object> payload = Map.of("patient", PARENT, "note", "same family as " + PARENT);
            RecordOfflineWrite narrowed = new RecordOfflineWrite(WRITE, NURSE, "tablet-3", "create_encounter",
                    "create", "encounter", "encounter:" + WRITE, Map.of(), Map.of(), payload, List.of(PARENT), 1L,
                    null, null, null, "hash-1", T0, List.of(new SyncedParent(PARENT, REAL_PATIENT, null)),
                    List.of("payload.patient"));
            fixture.givenNoPriorActivity()
                    .when(narrowed)
                    .expectEvents(new OfflineWriteCreated(WRITE, NURSE, "tablet-3", "create_encounter", "create",
                                    "encounter", "encounter:" + WRITE, Map.of(), Map.of(), payload, List.of(PARENT), 1L,
                                    null, null, null, "hash-1", T0, List.of("payload.patient")),
                            new DependencyResolved(WRITE, PARENT, PARENT, REAL_PATIENT,
                                    List.of(new Replacement("payload.patient", PARENT, REAL_PATIENT)), Map.of(),
                                    Map.of(), Map.of("patient", REAL_PATIENT, "note", "same family as " + PARENT),
                                    "encounter:" + WRITE, null, T0));
        }

        @Test
        void theNarrowedPlacesStillHoldWhenAParentSyncsLater() {
            Map<String, Object> payload = Map.of("patient", PARENT, "note", "same family as " + PARENT);
            fixture.given(new OfflineWriteCreated(WRITE, NURSE, "tablet-3", "create_encounter", "create", "encounter",
                            "encounter:" + WRITE, Map.of(), Map.of(), payload, List.of(PARENT), 1L, null, null, null,
                            "hash-1", T0, List.of("payload.patient")), waitingFor(PARENT))
                    .when(new ResolveDependency(WRITE, PARENT, REAL_PATIENT, null, T1))
                    .expectEvents(new DependencyResolved(WRITE, PARENT, PARENT, REAL_PATIENT,
                                    List.of(new Replacement("payload.patient", PARENT, REAL_PATIENT)), Map.of(),
                                    Map.of(), Map.of("patient", REAL_PATIENT, "note", "same family as " + PARENT),
                                    "encounter:" + WRITE, null, T1),
                            new WriteUnblocked(WRITE, BlockReason.WAITING_FOR_PARENT, T1));
        }

        @Test
        void handingOverTheSameWriteAgainAnswersWithTheIdsItHoldsNow() {
            fixture.given(created(List.of(PARENT)), resolvedAtHandOver())
                    .when(record(List.of(PARENT)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new HandOverResult(false, WriteStatus.PENDING, null, List.of(),
                            new HandOverResult.Values(Map.of(), Map.of(), ENCOUNTER_WITH_REAL_PATIENT)));
        }
    }

    @Nested
    class Dependencies {
        @Test
        void aSyncedParentReplacesItsTemporaryIdAndReleasesTheChild() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new ResolveDependency(WRITE, PARENT, REAL_PATIENT, null, T1))
                    .expectEvents(resolvedParent(), new WriteUnblocked(WRITE, BlockReason.WAITING_FOR_PARENT, T1));
        }

        @Test
        void anEditOfARecordCreatedOfflineExpectsTheVersionItsCreateProduced() {
            OfflineWriteCreated edit = new OfflineWriteCreated(WRITE, NURSE, "tablet-3", "update_patient", "update",
                    "patient", "patient:" + PARENT, Map.of("id", PARENT), Map.of("id", PARENT),
                    Map.of("address", "New"), List.of(PARENT), 1L, "2026-11-25T07:59:00.000000Z", "getPatient", null,
                    "hash-1", T0);
            fixture.given(edit, waitingFor(PARENT))
                    .when(new ResolveDependency(WRITE, PARENT, REAL_PATIENT, "2026-11-25T08:00:01.000001Z", T1))
                    .expectEvents(new DependencyResolved(WRITE, PARENT, PARENT, REAL_PATIENT, List.of(
                                    new Replacement("pathParams.id", PARENT, REAL_PATIENT),
                                    new Replacement("queryParams.id", PARENT, REAL_PATIENT)),
                                    Map.of("id", REAL_PATIENT), Map.of("id", REAL_PATIENT), Map.of("address", "New"),
                                    "patient:" + REAL_PATIENT, "2026-11-25T08:00:01.000001Z", T1),
                            new WriteUnblocked(WRITE, BlockReason.WAITING_FOR_PARENT, T1));
        }

        @Test
        void oneOfTwoParentsResolvedKeepsWaitingForTheOther() {
            fixture.given(created(List.of(PARENT, OTHER_PARENT)), waitingFor(PARENT, OTHER_PARENT))
                    .when(new ResolveDependency(WRITE, PARENT, REAL_PATIENT, null, T1))
                    .expectEvents(resolvedParent(), new WriteBlocked(WRITE, BlockReason.WAITING_FOR_PARENT,
                            List.of(OTHER_PARENT), null, T1));
        }

        @Test
        void resolvingTheSameParentTwiceChangesNothing() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT), resolvedParent(),
                            new WriteUnblocked(WRITE, BlockReason.WAITING_FOR_PARENT, T1))
                    .when(new ResolveDependency(WRITE, PARENT, REAL_PATIENT, null, T1))
                    .expectNoEvents();
        }

        @Test
        void aFailedParentHoldsTheChildBack() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new MarkParentFailed(WRITE, PARENT, WriteStatus.FAILED, T1))
                    .expectEvents(new WriteBlocked(WRITE, BlockReason.PARENT_FAILED, List.of(PARENT),
                            "parent " + PARENT + " is failed", T1));
        }

        @Test
        void aParentReportedFailedTwiceBlocksOnce() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT),
                            new WriteBlocked(WRITE, BlockReason.PARENT_FAILED, List.of(PARENT), null, T1))
                    .when(new MarkParentFailed(WRITE, PARENT, WriteStatus.CONFLICT, T1))
                    .expectNoEvents();
        }

        @Test
        void aRecoveringParentTurnsTheBlockBackIntoWaiting() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT),
                            new WriteBlocked(WRITE, BlockReason.PARENT_FAILED, List.of(PARENT), null, T1))
                    .when(new MarkParentRecovering(WRITE, PARENT, T1))
                    .expectEvents(waitingFor(PARENT).withAt(T1));
        }

        @Test
        void aFailedParentThatSyncsAfterAllReleasesTheChild() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT),
                            new WriteBlocked(WRITE, BlockReason.PARENT_FAILED, List.of(PARENT), null, T1))
                    .when(new ResolveDependency(WRITE, PARENT, REAL_PATIENT, null, T1))
                    .expectEvents(resolvedParent(), new WriteUnblocked(WRITE, BlockReason.PARENT_FAILED, T1));
        }

        @Test
        void aChildCanBeRepointedAtARecordThatExistsUpstream() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT),
                            new WriteBlocked(WRITE, BlockReason.PARENT_FAILED, List.of(PARENT), null, T1))
                    .when(new RepointParent(WRITE, Actor.user(NURSE), PARENT, null, REAL_PATIENT, T1))
                    .expectEvents(new ParentRepointed(WRITE, PARENT, null, REAL_PATIENT, Actor.user(NURSE), T1),
                            resolvedParent(), new WriteUnblocked(WRITE, BlockReason.PARENT_FAILED, T1));
        }

        @Test
        void aChildCanBeRepointedAtAnotherParentWrite() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new RepointParent(WRITE, Actor.user(NURSE), PARENT, OTHER_PARENT, null, T1))
                    .expectEvents(new ParentRepointed(WRITE, PARENT, OTHER_PARENT, null, Actor.user(NURSE), T1),
                            new DependencyResolved(WRITE, PARENT, PARENT, OTHER_PARENT,
                                    List.of(new Replacement("payload.patient", PARENT, OTHER_PARENT)), Map.of(),
                                    Map.of(), Map.of("patient", OTHER_PARENT, "status", "in_progress"),
                                    "encounter:" + WRITE, null, T1),
                            new WriteBlocked(WRITE, BlockReason.WAITING_FOR_PARENT, List.of(OTHER_PARENT), null, T1));
        }

        @Test
        void onlyTheOwnerMayRepoint() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new RepointParent(WRITE, Actor.user("intruder"), PARENT, null, REAL_PATIENT, T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void anAdministratorMayRepoint() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new RepointParent(WRITE, Actor.admin("admin"), PARENT, null, REAL_PATIENT, T1))
                    .expectEvents(new ParentRepointed(WRITE, PARENT, null, REAL_PATIENT, Actor.admin("admin"), T1),
                            resolvedParent(), new WriteUnblocked(WRITE, BlockReason.WAITING_FOR_PARENT, T1));
        }

        @Test
        void aWriteThatIsNotBlockedCannotBeRepointed() {
            fixture.given(created(List.of()))
                    .when(new RepointParent(WRITE, Actor.user(NURSE), PARENT, null, REAL_PATIENT, T1))
                    .expectNoEvents()
                    .expectException(refused("illegal_transition"));
        }

        @Test
        void aParentAlreadyResolvedCannotBeRepointed() {
            fixture.given(created(List.of(PARENT, OTHER_PARENT)), waitingFor(PARENT, OTHER_PARENT), resolvedParent(),
                            waitingFor(OTHER_PARENT))
                    .when(new RepointParent(WRITE, Actor.user(NURSE), PARENT, null, REAL_PATIENT, T1))
                    .expectNoEvents()
                    .expectException(refused("illegal_transition"));
        }

        @Test
        void aRepointNamingBothAWriteAndARecordIsRefused() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new RepointParent(WRITE, Actor.user(NURSE), PARENT, OTHER_PARENT, REAL_PATIENT, T1))
                    .expectNoEvents()
                    .expectException(refused("invalid_repoint"));
        }

        @Test
        void aRepointNamingNeitherAWriteNorARecordIsRefused() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new RepointParent(WRITE, Actor.user(NURSE), PARENT, null, null, T1))
                    .expectNoEvents()
                    .expectException(refused("invalid_repoint"));
        }

        @Test
        void aChildCannotBeRepointedAtItself() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new RepointParent(WRITE, Actor.user(NURSE), PARENT, WRITE, null, T1))
                    .expectNoEvents()
                    .expectException(refused("self_parent"));
        }

        @Test
        void theSyncOfAWriteThatIsNotAParentChangesNothing() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new ResolveDependency(WRITE, OTHER_PARENT, REAL_PATIENT, null, T1))
                    .expectNoEvents();
        }

        @Test
        void aDiscardedChildIsNotResolved() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT),
                            new WriteDiscarded(WRITE, Actor.user(NURSE), "entered twice", T1))
                    .when(new ResolveDependency(WRITE, PARENT, REAL_PATIENT, null, T1))
                    .expectNoEvents();
        }

        @Test
        void aSecondFailedParentJoinsTheBlock() {
            fixture.given(created(List.of(PARENT, OTHER_PARENT)), waitingFor(PARENT, OTHER_PARENT),
                            new WriteBlocked(WRITE, BlockReason.PARENT_FAILED, List.of(PARENT), null, T1))
                    .when(new MarkParentFailed(WRITE, OTHER_PARENT, WriteStatus.DISCARDED, T1))
                    .expectEvents(new WriteBlocked(WRITE, BlockReason.PARENT_FAILED, List.of(PARENT, OTHER_PARENT),
                            "parent " + OTHER_PARENT + " is discarded", T1));
        }

        @Test
        void aParentNoLongerAwaitedCannotHoldTheChildBack() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT), resolvedParent(),
                            new WriteUnblocked(WRITE, BlockReason.WAITING_FOR_PARENT, T1))
                    .when(new MarkParentFailed(WRITE, PARENT, WriteStatus.FAILED, T1))
                    .expectNoEvents();
        }

        @Test
        void oneOfTwoFailedParentsRecoveringLeavesTheChildBlockedByTheOther() {
            fixture.given(created(List.of(PARENT, OTHER_PARENT)), waitingFor(PARENT, OTHER_PARENT),
                            new WriteBlocked(WRITE, BlockReason.PARENT_FAILED, List.of(PARENT, OTHER_PARENT), null, T1))
                    .when(new MarkParentRecovering(WRITE, PARENT, T1))
                    .expectEvents(new WriteBlocked(WRITE, BlockReason.PARENT_FAILED, List.of(OTHER_PARENT), null, T1));
        }

        @Test
        void aRecoveringParentChangesNothingForAChildThatWaitsNormally() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new MarkParentRecovering(WRITE, PARENT, T1))
                    .expectNoEvents();
        }
    }

    @Nested
    class SignIn {
        @Test
        void aPendingWriteWaitsForItsOwnerToSignIn() {
            fixture.given(created(List.of()))
                    .when(new RequireSignIn(WRITE, T1))
                    .expectEvents(new WriteBlocked(WRITE, BlockReason.AUTH_REQUIRED, List.of(), "sign in again", T1));
        }

        @Test
        void signingInReleasesIt() {
            fixture.given(created(List.of()),
                            new WriteBlocked(WRITE, BlockReason.AUTH_REQUIRED, List.of(), "sign in again", T1))
                    .when(new ReleaseAfterSignIn(WRITE, T1))
                    .expectEvents(new WriteUnblocked(WRITE, BlockReason.AUTH_REQUIRED, T1));
        }

        @Test
        void signingInDoesNotReleaseAWriteWaitingForItsParent() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new ReleaseAfterSignIn(WRITE, T1))
                    .expectNoEvents();
        }

        @Test
        void aWriteWaitingForItsParentIsNotMadeToWaitForSignIn() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new RequireSignIn(WRITE, T1))
                    .expectNoEvents();
        }

        @Test
        void aWriteInFlightIsNotMadeToWaitForSignIn() {
            fixture.given(created(List.of()), attempted(1))
                    .when(new RequireSignIn(WRITE, T1))
                    .expectNoEvents();
        }

        @Test
        void aWriteAlreadyWaitingForSignInIsNotBlockedTwice() {
            fixture.given(created(List.of()),
                            new WriteBlocked(WRITE, BlockReason.AUTH_REQUIRED, List.of(), "sign in again", T1))
                    .when(new RequireSignIn(WRITE, T1))
                    .expectNoEvents();
        }

        @Test
        void signingInLeavesAPendingWriteAlone() {
            fixture.given(created(List.of()))
                    .when(new ReleaseAfterSignIn(WRITE, T1))
                    .expectNoEvents();
        }

        @Test
        void aTokenRefusedDuringAnAttemptBlocksTheWrite() {
            fixture.given(created(List.of()), attempted(1))
                    .when(new RecordAuthRejected(WRITE, 1, T1))
                    .expectEvents(new WriteBlocked(WRITE, BlockReason.AUTH_REQUIRED, List.of(),
                            "CARE refused the user's token; sign in again", T1));
        }
    }

    @Nested
    class Attempts {
        @Test
        void aPendingWriteCanBeAttempted() {
            fixture.given(created(List.of()))
                    .when(new BeginSyncAttempt(WRITE, 0, "node-a", POST_ENCOUNTER, T0))
                    .expectEvents(attempted(1))
                    .expectResultMessagePayload(1);
        }

        @Test
        void aBlockedWriteIsNotAttempted() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new BeginSyncAttempt(WRITE, 0, "node-a", POST_ENCOUNTER, T0))
                    .expectNoEvents()
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void aWriteInFlightIsNotAttemptedTwice() {
            fixture.given(created(List.of()), attempted(1))
                    .when(new BeginSyncAttempt(WRITE, 0, "node-b", POST_ENCOUNTER, T0))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void aSyncedWriteNeverSyncsAgain() {
            fixture.given(created(List.of()), attempted(1), new Synced(WRITE, 1, 200, Map.of(), null, "r", T1))
                    .when(new BeginSyncAttempt(WRITE, 0, "node-a", POST_ENCOUNTER, T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void aDiscardedWriteNeverSyncs() {
            fixture.given(created(List.of()), new WriteDiscarded(WRITE, Actor.user(NURSE), "typo", T1))
                    .when(new BeginSyncAttempt(WRITE, 0, "node-a", POST_ENCOUNTER, T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void anAttemptAtAnOldRevisionIsRefused() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT), resolvedParent(),
                            new WriteUnblocked(WRITE, BlockReason.WAITING_FOR_PARENT, T1))
                    .when(new BeginSyncAttempt(WRITE, 0, "node-a", POST_ENCOUNTER, T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void successIsRecorded() {
            fixture.given(created(List.of()), attempted(1))
                    .when(new RecordSyncSuccess(WRITE, 1, 200, Map.of("id", "e1"), "2026-11-25T08:00:01.000000Z",
                            "e1", T1))
                    .expectEvents(new Synced(WRITE, 1, 200, Map.of("id", "e1"), "2026-11-25T08:00:01.000000Z",
                            "e1", T1));
        }

        @Test
        void theOutcomeOfAnOlderAttemptIsIgnored() {
            fixture.given(created(List.of()), attempted(1), failed(1, 1, true),
                            new RetryRequested(WRITE, true, Actor.ENGINE, T1), attempted(2))
                    .when(new RecordSyncSuccess(WRITE, 1, 200, Map.of(), null, "e1", T1))
                    .expectNoEvents();
        }

        @Test
        void aRetryableFailureIsScheduled() {
            fixture.given(created(List.of()), attempted(1))
                    .when(new RecordSyncFailure(WRITE, 1, UNAVAILABLE, T0))
                    .expectEvents(failed(1, 1, true));
        }

        @Test
        void theLastAllowedFailureIsNotRetried() {
            fixture.given(created(List.of()), attempted(1), failed(1, 1, true),
                            new RetryRequested(WRITE, true, Actor.ENGINE, T0), attempted(2), failed(2, 2, true),
                            new RetryRequested(WRITE, true, Actor.ENGINE, T0), attempted(3))
                    .when(new RecordSyncFailure(WRITE, 3, UNAVAILABLE, T0))
                    .expectEvents(failed(3, 3, false));
        }

        @Test
        void aValidationErrorIsNotRetried() {
            fixture.given(created(List.of()), attempted(1))
                    .when(new RecordSyncFailure(WRITE, 1, INVALID, T0))
                    .expectEvents(new SyncFailed(WRITE, 1, INVALID, 1, false, null, T0));
        }

        @Test
        void aConflictIsRecorded() {
            fixture.given(created(List.of()), attempted(1))
                    .when(new RecordConflict(WRITE, 1, ConflictSource.MODIFIED_DATE_CHANGED, Map.of("name", "Asha"),
                            "2026-11-25T07:00:00.000001Z", "2026-11-20T07:00:00.000001Z", T0))
                    .expectEvents(conflict(1));
        }

        @Test
        void anUnreachableUpstreamReturnsTheWriteToPendingWithoutSpendingARetry() {
            fixture.given(created(List.of()), attempted(1))
                    .when(new AbortAttempt(WRITE, 1, "upstream unreachable", T0))
                    .expectEvents(new AttemptAborted(WRITE, 1, "upstream unreachable", T0));
        }

        @Test
        void anAbortedAttemptIsNotCountedAsAFailure() {
            fixture.given(created(List.of()), attempted(1), failed(1, 1, true),
                            new RetryRequested(WRITE, true, Actor.ENGINE, T0), attempted(2),
                            new AttemptAborted(WRITE, 2, "upstream unreachable", T0), attempted(3))
                    .when(new RecordSyncFailure(WRITE, 3, UNAVAILABLE, T0))
                    .expectEvents(new SyncFailed(WRITE, 3, UNAVAILABLE, 2, true, T0.plusSeconds(4), T0));
        }

        @Test
        void aPersonsRetryStartsTheCountAgain() {
            fixture.given(created(List.of()), attempted(1), failed(1, 3, false),
                            new RetryRequested(WRITE, false, Actor.user(NURSE), T0), attempted(2))
                    .when(new RecordSyncFailure(WRITE, 2, UNAVAILABLE, T0))
                    .expectEvents(new SyncFailed(WRITE, 2, UNAVAILABLE, 1, true, T0.plusSeconds(2), T0));
        }

        @Test
        void aFailureOfAnOlderAttemptIsIgnored() {
            fixture.given(onItsSecondAttempt())
                    .when(new RecordSyncFailure(WRITE, 1, INVALID, T1))
                    .expectNoEvents();
        }

        @Test
        void aConflictOfAnOlderAttemptIsIgnored() {
            fixture.given(onItsSecondAttempt())
                    .when(new RecordConflict(WRITE, 1, ConflictSource.HTTP_409, Map.of(), null, null, T1))
                    .expectNoEvents();
        }

        @Test
        void aTokenRefusalOfAnOlderAttemptIsIgnored() {
            fixture.given(onItsSecondAttempt())
                    .when(new RecordAuthRejected(WRITE, 1, T1))
                    .expectNoEvents();
        }

        @Test
        void aLostAnswerOfAnOlderAttemptIsIgnored() {
            fixture.given(onItsSecondAttempt())
                    .when(new RecordOutcomeInDoubt(WRITE, 1, "read timed out", T1))
                    .expectNoEvents();
        }

        @Test
        void anAbortOfAnOlderAttemptIsIgnored() {
            fixture.given(onItsSecondAttempt())
                    .when(new AbortAttempt(WRITE, 1, "upstream unreachable", T1))
                    .expectNoEvents();
        }

        @Test
        void aSecondAnswerToAnAttemptThatSyncedIsIgnored() {
            fixture.given(created(List.of()), attempted(1), new Synced(WRITE, 1, 200, Map.of(), null, "e1", T1))
                    .when(new RecordSyncFailure(WRITE, 1, UNAVAILABLE, T1))
                    .expectNoEvents();
        }
    }

    @Nested
    class InDoubt {
        @Test
        void aLostAnswerPutsTheWriteInDoubt() {
            fixture.given(created(List.of()), attempted(1))
                    .when(new RecordOutcomeInDoubt(WRITE, 1, "connection reset", T0))
                    .expectEvents(new OutcomeInDoubt(WRITE, 1, "connection reset", T0));
        }

        @Test
        void aLookupThatFindsTheRecordSettlesItAsSynced() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0))
                    .when(new ReconcileInDoubt(WRITE, 1, true, "e1", Map.of("id", "e1"), "m", "lookup",
                            Actor.ENGINE, T1))
                    .expectEvents(new InDoubtReconciled(WRITE, 1, true, "e1", Map.of("id", "e1"), "m", "lookup",
                            Actor.ENGINE, T1));
        }

        @Test
        void aLookupThatFindsNothingMakesItPendingAgain() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0))
                    .when(new ReconcileInDoubt(WRITE, 1, false, null, null, null, "lookup", Actor.ENGINE, T1))
                    .expectEvents(new InDoubtReconciled(WRITE, 1, false, null, null, null, "lookup", Actor.ENGINE,
                            T1));
        }

        @Test
        void aLateAnswerWhileInDoubtIsTaken() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "timeout", T0))
                    .when(new RecordSyncSuccess(WRITE, 1, 200, Map.of("id", "e1"), null, "e1", T1))
                    .expectEvents(new Synced(WRITE, 1, 200, Map.of("id", "e1"), null, "e1", T1));
        }

        @Test
        void anotherUserCannotSettleIt() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0))
                    .when(new ReconcileInDoubt(WRITE, 1, true, "e1", null, null, "manual", Actor.user("x"), T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void aPersonCannotSettleAWriteThatIsNotInDoubt() {
            fixture.given(created(List.of()))
                    .when(new ReconcileInDoubt(WRITE, 0, true, "e1", null, null, "manual", Actor.user(NURSE), T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void careSyncsOwnLookupOfAWriteNoLongerInDoubtIsIgnored() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0),
                            new Synced(WRITE, 1, 200, Map.of("id", "e1"), null, "e1", T1))
                    .when(new ReconcileInDoubt(WRITE, 1, false, null, null, null, "lookup", Actor.ENGINE, T1))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void careSyncsOwnLookupOfAnOlderAttemptIsIgnored() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0),
                            new InDoubtReconciled(WRITE, 1, false, null, null, null, "lookup", Actor.ENGINE, T0),
                            attempted(2), new OutcomeInDoubt(WRITE, 2, "reset", T0))
                    .when(new ReconcileInDoubt(WRITE, 1, true, "e1", null, null, "lookup", Actor.ENGINE, T1))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void aPersonCannotSettleAnOlderAttempt() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0),
                            new InDoubtReconciled(WRITE, 1, false, null, null, null, "lookup", Actor.ENGINE, T0),
                            attempted(2), new OutcomeInDoubt(WRITE, 2, "reset", T0))
                    .when(new ReconcileInDoubt(WRITE, 1, true, "e1", null, null, "manual", Actor.user(NURSE), T1))
                    .expectNoEvents()
                    .expectException(refused("illegal_transition"));
        }

        @Test
        void anAdministratorCanSettleIt() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0))
                    .when(new ReconcileInDoubt(WRITE, 1, true, "e1", null, null, "manual", Actor.admin("admin"), T1))
                    .expectEvents(new InDoubtReconciled(WRITE, 1, true, "e1", null, null, "manual",
                            Actor.admin("admin"), T1));
        }

        @Test
        void aWriteFoundNotAppliedIsAttemptedAgain() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0),
                            new InDoubtReconciled(WRITE, 1, false, null, null, null, "lookup", Actor.ENGINE, T1))
                    .when(new BeginSyncAttempt(WRITE, 0, "node-a", POST_ENCOUNTER, T0))
                    .expectEvents(attempted(2))
                    .expectResultMessagePayload(2);
        }

        @Test
        void aSecondLostAnswerChangesNothing() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0))
                    .when(new RecordOutcomeInDoubt(WRITE, 1, "reset", T1))
                    .expectNoEvents();
        }

        @Test
        void aWriteInDoubtIsNotAbortedAsIfUnreachable() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0))
                    .when(new AbortAttempt(WRITE, 1, "upstream unreachable", T1))
                    .expectNoEvents();
        }

        @Test
        void aLateRefusalWhileInDoubtIsTaken() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "timeout", T0))
                    .when(new RecordSyncFailure(WRITE, 1, INVALID, T1))
                    .expectEvents(new SyncFailed(WRITE, 1, INVALID, 1, false, null, T1));
        }
    }

    @Nested
    class Resolutions {
        @Test
        void keepMineResendsOverTheServersVersion() {
            fixture.given(created(List.of()), attempted(1), conflict(1))
                    .when(new ResolveConflict(WRITE, Actor.user(NURSE), Resolution.KEEP_MINE, null, "mine is right",
                            null, T1))
                    .expectEvents(new ConflictResolved(WRITE, Resolution.KEEP_MINE, Actor.user(NURSE),
                            "mine is right", null, "2026-11-25T07:00:00.000001Z", List.of(), T1));
        }

        @Test
        void takeTheirsEndsTheWrite() {
            fixture.given(created(List.of()), attempted(1), conflict(1),
                            new ConflictResolved(WRITE, Resolution.TAKE_THEIRS, Actor.user(NURSE), null, null, null,
                                    List.of(), T1))
                    .when(new BeginSyncAttempt(WRITE, 0, "node-a", POST_ENCOUNTER, T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void aMergedPayloadReplacesTheWritesPayload() {
            fixture.given(created(List.of()), attempted(1), conflict(1))
                    .when(new ResolveConflict(WRITE, Actor.admin("admin"), Resolution.MERGED, Map.of("name", "A"),
                            null, null, T1))
                    .expectEvents(new ConflictResolved(WRITE, Resolution.MERGED, Actor.admin("admin"), null,
                            Map.of("name", "A"), "2026-11-25T07:00:00.000001Z", List.of(), T1));
        }

        @Test
        void aMergeNeedsAPayload() {
            fixture.given(created(List.of()), attempted(1), conflict(1))
                    .when(new ResolveConflict(WRITE, Actor.user(NURSE), Resolution.MERGED, null, null, null, T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void onlyTheEngineMergesAutomatically() {
            fixture.given(created(List.of()), attempted(1), conflict(1))
                    .when(new ResolveConflict(WRITE, Actor.user(NURSE), Resolution.AUTO_MERGED, Map.of(), null, null,
                            T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void anotherUserCannotResolve() {
            fixture.given(created(List.of()), attempted(1), conflict(1))
                    .when(new ResolveConflict(WRITE, Actor.user("intruder"), Resolution.KEEP_MINE, null, null, null,
                            T1))
                    .expectNoEvents()
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void onlyAConflictCanBeResolved() {
            fixture.given(created(List.of()))
                    .when(new ResolveConflict(WRITE, Actor.user(NURSE), Resolution.KEEP_MINE, null, null, null, T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void careSyncsOwnMergeResolvesTheConflict() {
            Map<String, Object> merged = Map.of("patient", PARENT, "status", "completed", "name", "Asha");
            fixture.given(created(List.of()), attempted(1), conflict(1))
                    .when(new ResolveConflict(WRITE, Actor.ENGINE, Resolution.AUTO_MERGED, merged,
                            "fields changed on one side only", List.of("status", "name"), T1))
                    .expectEvents(new ConflictResolved(WRITE, Resolution.AUTO_MERGED, Actor.ENGINE,
                            "fields changed on one side only", merged, "2026-11-25T07:00:00.000001Z",
                            List.of("status", "name"), T1));
        }

        @Test
        void theMergedPayloadIsAttemptedAsANewRevision() {
            fixture.given(created(List.of()), attempted(1), conflict(1),
                            new ConflictResolved(WRITE, Resolution.AUTO_MERGED, Actor.ENGINE, null, Map.of("name", "A"),
                                    "2026-11-25T07:00:00.000001Z", List.of("name"), T1))
                    .when(new BeginSyncAttempt(WRITE, 1, "node-a", POST_ENCOUNTER, T0))
                    .expectEvents(attempted(2));
        }

        @Test
        void anAttemptOfThePayloadBeforeTheMergeIsRefused() {
            fixture.given(created(List.of()), attempted(1), conflict(1),
                            new ConflictResolved(WRITE, Resolution.AUTO_MERGED, Actor.ENGINE, null, Map.of("name", "A"),
                                    "2026-11-25T07:00:00.000001Z", List.of("name"), T1))
                    .when(new BeginSyncAttempt(WRITE, 0, "node-a", POST_ENCOUNTER, T0))
                    .expectNoEvents()
                    .expectException(refused("stale_revision"));
        }

        @Test
        void anAutomaticMergeNeedsAPayload() {
            fixture.given(created(List.of()), attempted(1), conflict(1))
                    .when(new ResolveConflict(WRITE, Actor.ENGINE, Resolution.AUTO_MERGED, null, null, List.of(), T1))
                    .expectNoEvents()
                    .expectException(refused("merged_payload_missing"));
        }

        @Test
        void takeTheirsKeepsNeitherAPayloadNorAVersion() {
            fixture.given(created(List.of()), attempted(1), conflict(1))
                    .when(new ResolveConflict(WRITE, Actor.user(NURSE), Resolution.TAKE_THEIRS, Map.of("name", "A"),
                            "CARE is right", null, T1))
                    .expectEvents(new ConflictResolved(WRITE, Resolution.TAKE_THEIRS, Actor.user(NURSE),
                            "CARE is right", null, null, List.of(), T1));
        }

        @Test
        void keepMineResendsTheDevicesPayloadEvenWhenAnotherIsGiven() {
            fixture.given(created(List.of()), attempted(1), conflict(1))
                    .when(new ResolveConflict(WRITE, Actor.user(NURSE), Resolution.KEEP_MINE, Map.of("name", "A"),
                            null, null, T1))
                    .expectEvents(new ConflictResolved(WRITE, Resolution.KEEP_MINE, Actor.user(NURSE), null, null,
                            "2026-11-25T07:00:00.000001Z", List.of(), T1));
        }
    }

    @Nested
    class RetriesDiscardsAndCleanup {
        @Test
        void theRetryTimerReleasesAFailedWrite() {
            fixture.given(created(List.of()), attempted(1), failed(1, 1, true))
                    .when(new ReleaseForRetry(WRITE, 1, T1))
                    .expectEvents(new RetryRequested(WRITE, true, Actor.ENGINE, T1));
        }

        @Test
        void aTimerOfAnOlderAttemptDoesNothing() {
            fixture.given(created(List.of()), attempted(1), failed(1, 1, true),
                            new RetryRequested(WRITE, false, Actor.user(NURSE), T1), attempted(2),
                            failed(2, 1, true))
                    .when(new ReleaseForRetry(WRITE, 1, T1))
                    .expectNoEvents();
        }

        @Test
        void aTimerDoesNotReleaseAnExhaustedWrite() {
            fixture.given(created(List.of()), attempted(1), failed(1, 3, false))
                    .when(new ReleaseForRetry(WRITE, 1, T1))
                    .expectNoEvents();
        }

        @Test
        void aPersonRetriesAnExhaustedWrite() {
            fixture.given(created(List.of()), attempted(1), failed(1, 3, false))
                    .when(new RequestRetry(WRITE, Actor.user(NURSE), T1))
                    .expectEvents(new RetryRequested(WRITE, false, Actor.user(NURSE), T1));
        }

        @Test
        void aPersonRetriesAConflict() {
            fixture.given(created(List.of()), attempted(1), conflict(1))
                    .when(new RequestRetry(WRITE, Actor.user(NURSE), T1))
                    .expectEvents(new RetryRequested(WRITE, false, Actor.user(NURSE), T1));
        }

        @Test
        void aSuccessCannotBeRetried() {
            fixture.given(created(List.of()), attempted(1), new Synced(WRITE, 1, 200, null, null, null, T1))
                    .when(new RequestRetry(WRITE, Actor.user(NURSE), T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void anotherUserCannotRetry() {
            fixture.given(created(List.of()), attempted(1), failed(1, 3, false))
                    .when(new RequestRetry(WRITE, Actor.user("intruder"), T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void aPendingWriteCanBeDiscarded() {
            fixture.given(created(List.of()))
                    .when(new DiscardWrite(WRITE, Actor.user(NURSE), "entered twice", T1))
                    .expectEvents(new WriteDiscarded(WRITE, Actor.user(NURSE), "entered twice", T1));
        }

        @Test
        void aWriteInFlightCannotBeDiscarded() {
            fixture.given(created(List.of()), attempted(1))
                    .when(new DiscardWrite(WRITE, Actor.user(NURSE), "oops", T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void aSuccessCannotBeDiscarded() {
            fixture.given(created(List.of()), attempted(1), new Synced(WRITE, 1, 200, null, null, null, T1))
                    .when(new DiscardWrite(WRITE, Actor.admin("admin"), "oops", T1))
                    .expectException(WriteRuleViolation.class);
        }

        @Test
        void anotherUserCannotDiscard() {
            fixture.given(created(List.of()))
                    .when(new DiscardWrite(WRITE, Actor.user("intruder"), "not mine", T1))
                    .expectNoEvents()
                    .expectException(refused("not_owner"));
        }

        @Test
        void anAdministratorCanDiscard() {
            fixture.given(created(List.of()))
                    .when(new DiscardWrite(WRITE, Actor.admin("admin"), "test data", T1))
                    .expectEvents(new WriteDiscarded(WRITE, Actor.admin("admin"), "test data", T1));
        }

        @Test
        void aBlockedWriteCanBeDiscarded() {
            fixture.given(created(List.of(PARENT)), waitingFor(PARENT))
                    .when(new DiscardWrite(WRITE, Actor.user(NURSE), "parent entered twice", T1))
                    .expectEvents(new WriteDiscarded(WRITE, Actor.user(NURSE), "parent entered twice", T1));
        }

        @Test
        void aFailedWriteCanBeDiscarded() {
            fixture.given(created(List.of()), attempted(1), failed(1, 3, false))
                    .when(new DiscardWrite(WRITE, Actor.user(NURSE), "gave up", T1))
                    .expectEvents(new WriteDiscarded(WRITE, Actor.user(NURSE), "gave up", T1));
        }

        @Test
        void aConflictCanBeDiscarded() {
            fixture.given(created(List.of()), attempted(1), conflict(1))
                    .when(new DiscardWrite(WRITE, Actor.user(NURSE), "CARE is right", T1))
                    .expectEvents(new WriteDiscarded(WRITE, Actor.user(NURSE), "CARE is right", T1));
        }

        @Test
        void aWriteInDoubtCanBeDiscarded() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0))
                    .when(new DiscardWrite(WRITE, Actor.user(NURSE), "it is upstream", T1))
                    .expectEvents(new WriteDiscarded(WRITE, Actor.user(NURSE), "it is upstream", T1));
        }

        @Test
        void aDiscardedWriteIsNotDiscardedAgain() {
            fixture.given(created(List.of()), new WriteDiscarded(WRITE, Actor.user(NURSE), "typo", T1))
                    .when(new DiscardWrite(WRITE, Actor.user(NURSE), "typo", T1))
                    .expectNoEvents()
                    .expectException(refused("illegal_transition"));
        }

        @Test
        void aPendingWriteNeedsNoRetry() {
            fixture.given(created(List.of()))
                    .when(new RequestRetry(WRITE, Actor.user(NURSE), T1))
                    .expectNoEvents()
                    .expectException(refused("illegal_transition"));
        }

        @Test
        void aWriteInDoubtIsSettledRatherThanRetried() {
            fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0))
                    .when(new RequestRetry(WRITE, Actor.user(NURSE), T1))
                    .expectNoEvents()
                    .expectException(refused("illegal_transition"));
        }

        @Test
        void anAdministratorCanRetry() {
            fixture.given(created(List.of()), attempted(1), failed(1, 3, false))
                    .when(new RequestRetry(WRITE, Actor.admin("admin"), T1))
                    .expectEvents(new RetryRequested(WRITE, false, Actor.admin("admin"), T1));
        }

        @Test
        void aTimerDoesNotReleaseAWriteAPersonAlreadyRetried() {
            fixture.given(created(List.of()), attempted(1), failed(1, 1, true),
                            new RetryRequested(WRITE, false, Actor.user(NURSE), T1))
                    .when(new ReleaseForRetry(WRITE, 1, T1))
                    .expectNoEvents();
        }

        @Test
        void anOldSuccessIsArchivedOnce() {
            fixture.given(created(List.of()), attempted(1), new Synced(WRITE, 1, 200, null, null, null, T1))
                    .when(new ArchiveWrite(WRITE, T1))
                    .expectEvents(new WriteArchived(WRITE, T1))
                    .expectResultMessagePayload(true);
        }

        @Test
        void anArchivedWriteIsNotArchivedAgain() {
            fixture.given(created(List.of()), attempted(1), new Synced(WRITE, 1, 200, null, null, null, T1),
                            new WriteArchived(WRITE, T1))
                    .when(new ArchiveWrite(WRITE, T1))
                    .expectNoEvents();
        }

        @Test
        void aPendingWriteIsNotArchived() {
            fixture.given(created(List.of()))
                    .when(new ArchiveWrite(WRITE, T1))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }
    }
}

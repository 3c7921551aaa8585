package network.ohc.caresync.application.dependency;

import network.ohc.caresync.domain.write.Actor;
import network.ohc.caresync.domain.write.AttemptAborted;
import network.ohc.caresync.domain.write.AttemptRequest;
import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.ConflictDetected;
import network.ohc.caresync.domain.write.ConflictResolved;
import network.ohc.caresync.domain.write.ConflictSource;
import network.ohc.caresync.domain.write.FailureKind;
import network.ohc.caresync.domain.write.InDoubtReconciled;
import network.ohc.caresync.domain.write.OutcomeInDoubt;
import network.ohc.caresync.domain.write.Resolution;
import network.ohc.caresync.domain.write.RetryRequested;
import network.ohc.caresync.domain.write.SyncAttempted;
import network.ohc.caresync.domain.write.SyncFailed;
import network.ohc.caresync.domain.write.Synced;
import network.ohc.caresync.domain.write.UpstreamFailure;
import network.ohc.caresync.domain.write.WriteBlocked;
import network.ohc.caresync.domain.write.WriteDiscarded;
import network.ohc.caresync.domain.write.WriteStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A parent's state as a child's saga reads it when it starts: which parents hold their children back. */
class ParentStatesTest {

    static final String PARENT = "offline-0b0e7a3c-2f0d-4f0e-8f5c-1b2f4c6d8e01";
    static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    static final ParentState NEW = new ParentState(WriteStatus.PENDING, null, false, null);
    static final UpstreamFailure INVALID = new UpstreamFailure(FailureKind.VALIDATION, 400, "HTTP 400", List.of());
    static final UpstreamFailure UNAVAILABLE = new UpstreamFailure(FailureKind.SERVER_ERROR, 503, "HTTP 503",
            List.of());

    static ParentState after(Object... events) {
        ParentState state = NEW;
        for (Object event : events) {
            state = ParentStates.next(state, event);
        }
        return state;
    }

    static SyncAttempted attempted() {
        return new SyncAttempted(PARENT, 1, "n", new AttemptRequest("POST", "/api/v1/patient/", "h"), NOW);
    }

    @Test
    void aSyncedParentCarriesItsRealIdAndVersion() {
        ParentState state = after(attempted(), new Synced(PARENT, 1, 200, Map.of(), "m1", "real-1", NOW));

        assertThat(state).isEqualTo(new ParentState(WriteStatus.SUCCESS, "real-1", false, null, "m1"));
        assertThat(state.holdsChildrenBack()).isFalse();
    }

    @Test
    void aParentFailedForGoodHoldsItsChildrenBack() {
        assertThat(after(attempted(), new SyncFailed(PARENT, 1, INVALID, 1, false, null, NOW)).holdsChildrenBack())
                .isTrue();
    }

    @Test
    void aParentThatWillBeRetriedDoesNot() {
        assertThat(after(attempted(), new SyncFailed(PARENT, 1, UNAVAILABLE, 1, true, NOW, NOW)).holdsChildrenBack())
                .isFalse();
    }

    @Test
    void conflictInDoubtAndDiscardedHoldThemBack() {
        assertThat(after(attempted(), new ConflictDetected(PARENT, 1, ConflictSource.HTTP_409, Map.of(), null, null,
                NOW)).holdsChildrenBack()).isTrue();
        assertThat(after(attempted(), new OutcomeInDoubt(PARENT, 1, "reset", NOW)).holdsChildrenBack()).isTrue();
        assertThat(after(new WriteDiscarded(PARENT, Actor.user("u"), "x", NOW)).holdsChildrenBack()).isTrue();
        assertThat(after(attempted(), new ConflictDetected(PARENT, 1, ConflictSource.HTTP_409, Map.of(), null, null,
                NOW), new ConflictResolved(PARENT, Resolution.TAKE_THEIRS, Actor.user("u"), null, null, null,
                List.of(), NOW)).status()).isEqualTo(WriteStatus.DISCARDED);
    }

    @Test
    void onlyABlockBecauseOfAFailedGrandparentHoldsThemBack() {
        assertThat(after(new WriteBlocked(PARENT, BlockReason.PARENT_FAILED, List.of("g"), null, NOW))
                .holdsChildrenBack()).isTrue();
        assertThat(after(new WriteBlocked(PARENT, BlockReason.WAITING_FOR_PARENT, List.of("g"), null, NOW))
                .holdsChildrenBack()).isFalse();
        assertThat(after(new WriteBlocked(PARENT, BlockReason.AUTH_REQUIRED, List.of(), null, NOW))
                .holdsChildrenBack()).isFalse();
    }

    @Test
    void aParentOnItsWayAgainIsPending() {
        ParentState failed = after(attempted(), new SyncFailed(PARENT, 1, INVALID, 1, false, null, NOW));

        assertThat(ParentStates.next(failed, new RetryRequested(PARENT, false, Actor.user("u"), NOW))).isEqualTo(NEW);
        assertThat(after(attempted(), new AttemptAborted(PARENT, 1, "unreachable", NOW))).isEqualTo(NEW);
        assertThat(after(attempted(), new OutcomeInDoubt(PARENT, 1, "reset", NOW),
                new InDoubtReconciled(PARENT, 1, false, null, null, null, "lookup", Actor.ENGINE, NOW)))
                .isEqualTo(NEW);
    }

    @Test
    void aParentInDoubtFoundAppliedIsSyncedWithTheFoundRecord() {
        assertThat(after(attempted(), new OutcomeInDoubt(PARENT, 1, "reset", NOW),
                new InDoubtReconciled(PARENT, 1, true, "real-2", Map.of(), "m2", "lookup", Actor.ENGINE, NOW)))
                .isEqualTo(new ParentState(WriteStatus.SUCCESS, "real-2", false, null, "m2"));
    }
}

package network.ohc.caresync.application.retry;

import network.ohc.caresync.domain.write.Actor;
import network.ohc.caresync.domain.write.FailureKind;
import network.ohc.caresync.domain.write.ReleaseForRetry;
import network.ohc.caresync.domain.write.RetryRequested;
import network.ohc.caresync.domain.write.SyncFailed;
import network.ohc.caresync.domain.write.UpstreamFailure;
import network.ohc.caresync.domain.write.WriteDiscarded;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

class RetrySagaTest {

    static final String WRITE = "offline-6f1c2a1e-7a52-4d0e-9d51-6c8a3f0e2b11";
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final UpstreamFailure UNAVAILABLE = new UpstreamFailure(FailureKind.SERVER_ERROR, 503, "HTTP 503", List.of());

    SagaTestFixture<RetrySaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RetrySaga.class);
        fixture.registerResource(Clock.fixed(T0.plusSeconds(4), ZoneOffset.UTC));
    }

    static SyncFailed failed(int attempt, boolean retryable) {
        return new SyncFailed(WRITE, attempt, UNAVAILABLE, attempt, retryable,
                retryable ? T0.plusSeconds(4) : null, T0);
    }

    @Test
    void aRetryableFailureSchedulesTheRetryAtTheTimeThePolicyChose() {
        fixture.givenCurrentTime(T0)
                .whenPublishingA(failed(1, true))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(4), RetrySaga.RETRY_DUE);
    }

    @Test
    void whenTheTimerFiresTheWriteIsReleasedForAnotherAttempt() {
        fixture.givenCurrentTime(T0).andThenAPublished(failed(1, true))
                .whenTimeElapses(Duration.ofSeconds(5))
                .expectDeadlinesMet(1)
                .expectDispatchedCommands(new ReleaseForRetry(WRITE, 1, T0.plusSeconds(4)))
                .expectActiveSagas(0);
    }

    @Test
    void aFailureThatIsNotRetriedSchedulesNothing() {
        fixture.givenCurrentTime(T0)
                .whenPublishingA(failed(3, false))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aRetryAskedForByAPersonCancelsTheTimer() {
        fixture.givenCurrentTime(T0).andThenAPublished(failed(1, true))
                .whenPublishingA(new RetryRequested(WRITE, false, Actor.user("u"), T0))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void aDiscardCancelsTheTimer() {
        fixture.givenCurrentTime(T0).andThenAPublished(failed(1, true))
                .whenPublishingA(new WriteDiscarded(WRITE, Actor.user("u"), "gave up", T0))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void aNewerFailureReplacesTheTimerOfTheOlderOne() {
        fixture.givenCurrentTime(T0).andThenAPublished(failed(1, true))
                .whenPublishingA(new SyncFailed(WRITE, 2, UNAVAILABLE, 2, true, T0.plusSeconds(8), T0))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(8), RetrySaga.RETRY_DUE)
                .expectActiveSagas(1);
    }

    @Test
    void beforeTheTimeChosenNothingIsReleased() {
        fixture.givenCurrentTime(T0).andThenAPublished(failed(1, true))
                .whenTimeElapses(Duration.ofSeconds(3))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), RetrySaga.RETRY_DUE);
    }

    @Test
    void aRetryableFailureWithoutATimeSchedulesNothing() {
        fixture.givenCurrentTime(T0)
                .whenPublishingA(new SyncFailed(WRITE, 1, UNAVAILABLE, 1, true, null, T0))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aLaterFailureThatIsNotRetriedCancelsTheTimer() {
        fixture.givenCurrentTime(T0).andThenAPublished(failed(1, true))
                .whenPublishingA(failed(2, false))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void theTimerOfTheNewerFailureReleasesTheNewerAttempt() {
        fixture.givenCurrentTime(T0).andThenAPublished(failed(1, true))
                .andThenAPublished(new SyncFailed(WRITE, 2, UNAVAILABLE, 2, true, T0.plusSeconds(8), T0))
                .whenTimeElapses(Duration.ofSeconds(9))
                .expectDeadlinesMet(2)
                .expectDispatchedCommands(new ReleaseForRetry(WRITE, 2, T0.plusSeconds(4)))
                .expectActiveSagas(0);
    }

    @Test
    void anAutomaticRetryAfterTheTimerFiredFindsNothingLeftToCancel() throws Exception {
        fixture.givenCurrentTime(T0).andThenAPublished(failed(1, true))
                .andThenTimeElapses(Duration.ofSeconds(5))
                .whenPublishingA(new RetryRequested(WRITE, true, Actor.ENGINE, T0.plusSeconds(5)))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void aDiscardOfAWriteWithoutATimerChangesNothing() {
        fixture.givenCurrentTime(T0)
                .whenPublishingA(new WriteDiscarded(WRITE, Actor.user("u"), "gave up", T0))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }
}

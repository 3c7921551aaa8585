package network.ohc.caresync.application.retry;

import jakarta.inject.Inject;
import network.ohc.caresync.domain.write.ReleaseForRetry;
import network.ohc.caresync.domain.write.RetryRequested;
import network.ohc.caresync.domain.write.SyncFailed;
import network.ohc.caresync.domain.write.WriteDiscarded;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;

import java.time.Clock;

/**
 * The retry timer of one failed write. A retryable failure schedules a deadline at the time the retry policy chose;
 * the deadline is kept in PostgreSQL (db-scheduler), so it fires after a restart too. When it fires, the write is
 * released for another attempt. A retry asked for by a person, or a discard, cancels the timer.
 */
public class RetrySaga {

    static final String WRITE_ID = "writeId";
    static final String RETRY_DUE = "retry-due";

    private String writeId;
    private String deadlineId;

    @Inject
    private transient DeadlineManager deadlines;
    @Inject
    private transient CommandGateway commands;
    @Inject
    private transient Clock clock;

    @StartSaga
    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(SyncFailed failed) {
        cancelTimer();
        if (!failed.retryable() || failed.nextAttemptAt() == null) {
            SagaLifecycle.end();
            return;
        }
        writeId = failed.writeId();
        deadlineId = deadlines.schedule(failed.nextAttemptAt(), RETRY_DUE, failed.attempt());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(RetryRequested requested) {
        cancelTimer();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = WRITE_ID)
    void on(WriteDiscarded discarded) {
        cancelTimer();
    }

    @DeadlineHandler(deadlineName = RETRY_DUE)
    void retryDue(Integer failedAttempt) {
        deadlineId = null;
        commands.sendAndWait(new ReleaseForRetry(writeId, failedAttempt, clock.instant()));
        SagaLifecycle.end();
    }

    private void cancelTimer() {
        if (deadlineId != null) {
            deadlines.cancelSchedule(RETRY_DUE, deadlineId);
            deadlineId = null;
        }
    }
}

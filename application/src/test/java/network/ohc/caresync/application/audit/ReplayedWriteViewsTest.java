package network.ohc.caresync.application.audit;

import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.application.view.WriteViewProjection;
import network.ohc.caresync.domain.write.AttemptRequest;
import network.ohc.caresync.domain.write.FailureKind;
import network.ohc.caresync.domain.write.OfflineWriteCreated;
import network.ohc.caresync.domain.write.SyncAttempted;
import network.ohc.caresync.domain.write.SyncFailed;
import network.ohc.caresync.domain.write.UpstreamFailure;
import network.ohc.caresync.domain.write.WriteStatus;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The write-views projection replayed into views held in memory, as rebuilds and time travel use it. */
class ReplayedWriteViewsTest {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final InMemoryWriteViewStore views = new InMemoryWriteViewStore();
    private final List<String> told = new ArrayList<>();
    private final AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(
            new WriteViewProjection(views, List.of((writeId, userId, status) -> told.add(writeId + " " + status))));
    private final List<String> toldUsers = new ArrayList<>();
    private final AnnotationEventHandlerAdapter projectionNamingUsers = new AnnotationEventHandlerAdapter(
            new WriteViewProjection(views, List.of((writeId, userId, status) -> toldUsers.add(userId + " " + status))));

    @Test
    void listenersHearOfLiveChangesButNotOfChangesMadeByAReplay() {
        handle(live(7), created("w1"), 0);
        handle(replaying(3), created("w2"), 0);
        handle(replaying(4), attempted("w2"), 1);

        assertThat(told).containsExactly("w1 " + WriteStatus.PENDING);
        assertThat(views.find("w2")).map(WriteView::status).contains(WriteStatus.IN_FLIGHT);
    }

    @Test
    void listenersHearWhoseWriteChangedAndNothingOfAnEventDeliveredAgain() {
        handle(projectionNamingUsers, live(1), created("w4"), 0);
        handle(projectionNamingUsers, live(2), attempted("w4"), 1);
        handle(projectionNamingUsers, live(2), attempted("w4"), 1);

        assertThat(toldUsers).containsExactly("u1 " + WriteStatus.PENDING, "u1 " + WriteStatus.IN_FLIGHT);
    }

    @Test
    void anEventDeliveredTwiceChangesNothingTheSecondTime() {
        handle(live(1), created("w3"), 0);
        handle(live(2), attempted("w3"), 1);
        handle(live(3), failed("w3"), 2);
        WriteView once = views.find("w3").orElseThrow();

        handle(live(2), attempted("w3"), 1);

        assertThat(views.find("w3")).contains(once);
        assertThat(once.status()).isEqualTo(WriteStatus.FAILED);
        assertThat(once.retries()).isEqualTo(1);
        assertThat(once.seq()).isEqualTo(1);
        assertThat(once.lastError()).isEqualTo(Map.of("kind", "server_error", "httpStatus", 503,
                "message", "HTTP 503", "errors", List.of()));
    }

    private void handle(TrackingToken token, Object event, long sequence) {
        handle(projection, token, event, sequence);
    }

    private void handle(AnnotationEventHandlerAdapter projection, TrackingToken token, Object event, long sequence) {
        TrackedEventMessage<?> message = new GenericTrackedDomainEventMessage<>(token,
                new GenericDomainEventMessage<>("OfflineWrite", idOf(event), sequence, event));
        DefaultUnitOfWork.startAndGet(message).executeWithResult(() -> projection.handle(message));
    }

    private static String idOf(Object event) {
        return event instanceof OfflineWriteCreated c ? c.writeId()
                : event instanceof SyncAttempted a ? a.writeId() : ((SyncFailed) event).writeId();
    }

    private static TrackingToken live(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private static TrackingToken replaying(long position) {
        return ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(100),
                new GlobalSequenceTrackingToken(position));
    }

    private static OfflineWriteCreated created(String id) {
        return new OfflineWriteCreated(id, "u1", "d1", "create_patient", "create", "patient", "patient:" + id,
                Map.of(), Map.of(), Map.of("name", "A"), List.of(), 1L, null, null, null, "hash", T0);
    }

    private static SyncAttempted attempted(String id) {
        return new SyncAttempted(id, 1, "n1", new AttemptRequest("POST", "/api/v1/patient/", "h", id), T0.plusSeconds(1));
    }

    private static SyncFailed failed(String id) {
        return new SyncFailed(id, 1, new UpstreamFailure(FailureKind.SERVER_ERROR, 503, "HTTP 503", List.of()), 1,
                true, T0.plusSeconds(5), T0.plusSeconds(2));
    }
}

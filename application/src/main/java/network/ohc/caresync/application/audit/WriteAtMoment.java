package network.ohc.caresync.application.audit;

import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.application.view.WriteViewProjection;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * A write as it stood at a moment: its events up to then, fed through the write-views projection itself into views
 * held in memory. There is no second fold to drift away from what the views show.
 */
public final class WriteAtMoment {

    /** The write's view at the moment, and the events it was made from. */
    public record Moment(WriteView view, List<DomainEventMessage<?>> events) {
    }

    private final EventStore eventStore;
    private final AuditLog log;

    public WriteAtMoment(EventStore eventStore, AuditLog log) {
        this.eventStore = eventStore;
        this.log = log;
    }

    /** Empty when the write did not exist yet at that moment (or never). */
    public Optional<Moment> of(String writeId, Instant at) {
        // from the first event, never from a snapshot: the events are the record
        List<DomainEventMessage<?>> events = eventStore.readEvents(writeId, 0).asStream()
                .filter(e -> !e.getTimestamp().isAfter(at))
                .<DomainEventMessage<?>>map(e -> e)
                .toList();
        if (events.isEmpty()) {
            return Optional.empty();
        }
        // the views order writes by the global index of their first event; the projection reads it from the token
        Map<Long, Long> globalIndexes = log.globalIndexesOf(writeId);
        InMemoryWriteViewStore views = new InMemoryWriteViewStore();
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(
                new WriteViewProjection(views, List.of()));
        for (DomainEventMessage<?> event : events) {
            long position = globalIndexes.getOrDefault(event.getSequenceNumber(), 0L);
            try {
                projection.handle(new GenericTrackedDomainEventMessage<>(
                        new GlobalSequenceTrackingToken(position), event));
            } catch (Exception e) {
                throw new IllegalStateException("cannot rebuild write " + writeId + " at sequence "
                        + event.getSequenceNumber(), e);
            }
        }
        return views.find(writeId).map(view -> new Moment(view, events));
    }
}

package network.ohc.caresync.infrastructure.audit;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Seals every event as it is appended: its metadata gets {@link EventSeal#METADATA_KEY}, chained over the seal of the
 * write's previous event. Everything else is the wrapped engine's (Axon's JDBC engine), so events are stored, read,
 * upcast and streamed exactly as before.
 * <p>
 * The seal of a write's last event is remembered once its transaction has committed (a bounded, least recently used
 * map), so the next event of that write is usually sealed without reading the store. A committed event never
 * changes, so a remembered seal stays true whichever node appends next; a seal from a rolled-back transaction is
 * never remembered, and anything not remembered is read from the store.
 */
public class SealingEventStorageEngine implements EventStorageEngine {

    /** Finds the seal of an event already in the store (in the current transaction), or empty. */
    @FunctionalInterface
    public interface StoredSeals {
        Optional<String> sealOf(String aggregateId, long sequence);
    }

    /** How many writes' last seals are remembered. */
    static final int REMEMBERED_WRITES = 20_000;

    private final EventStorageEngine delegate;
    private final Serializer serializer;
    private final EventSeal seal;
    private final StoredSeals stored;
    private final Map<String, Sealed> committed;

    public SealingEventStorageEngine(EventStorageEngine delegate, Serializer eventSerializer, EventSeal seal,
                                     StoredSeals stored) {
        this.delegate = delegate;
        this.serializer = eventSerializer;
        this.seal = seal;
        this.stored = stored;
        this.committed = java.util.Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sealed> eldest) {
                return size() > REMEMBERED_WRITES;
            }
        });
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Map<String, Sealed> lastInBatch = new HashMap<>();
        List<EventMessage<?>> sealed = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            DomainEventMessage<?> domain = asDomainEvent(event);
            MetaData unsealed = domain.getMetaData().withoutKeys(Set.of(EventSeal.METADATA_KEY));
            String previous = previousSeal(domain, lastInBatch);
            SerializedObject<byte[]> payload = domain.serializePayload(serializer, byte[].class);
            byte[] metadata = serializer.serialize(unsealed, byte[].class).getData();
            String value = seal.seal(previous, new StoredEvent(0, domain.getIdentifier(),
                    domain.getAggregateIdentifier(), domain.getSequenceNumber(), domain.getType(),
                    payload.getType().getName(), payload.getType().getRevision(),
                    DateTimeUtils.formatInstant(domain.getTimestamp()), payload.getData(), metadata));
            lastInBatch.put(domain.getAggregateIdentifier(), new Sealed(domain.getSequenceNumber(), value));
            sealed.add(domain.withMetaData(unsealed.and(EventSeal.METADATA_KEY, value)));
        }
        delegate.appendEvents(sealed);
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(u -> lastInBatch.forEach((write, last) ->
                committed.merge(write, last, (known, added) -> added.sequence() > known.sequence() ? added : known))));
    }

    private String previousSeal(DomainEventMessage<?> event, Map<String, Sealed> lastInBatch) {
        long sequence = event.getSequenceNumber();
        if (sequence == 0) {
            return EventSeal.GENESIS;
        }
        Sealed last = lastInBatch.get(event.getAggregateIdentifier());
        if (last != null && last.sequence() == sequence - 1) {
            return last.seal();
        }
        Sealed known = committed.get(event.getAggregateIdentifier());
        if (known != null && known.sequence() == sequence - 1) {
            return known.seal();
        }
        // an event of a write stored before sealing began chains from genesis; verification knows those
        return stored.sealOf(event.getAggregateIdentifier(), sequence - 1).orElse(EventSeal.GENESIS);
    }

    /** As Axon's JDBC engine stores an event that belongs to no aggregate: its own id, sequence 0. */
    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain) {
            return domain;
        }
        return new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }

    private record Sealed(long sequence, String seal) {
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}

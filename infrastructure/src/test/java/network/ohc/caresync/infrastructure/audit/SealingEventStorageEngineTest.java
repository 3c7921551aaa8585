package network.ohc.caresync.infrastructure.audit;

import network.ohc.caresync.infrastructure.axon.AxonConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sealing decorator's own logic: which previous seal an event is chained from. The delegate is Axon's in-memory
 * engine because only the decorator is under test; chains of events stored in PostgreSQL are verified by the api
 * module's audit tests.
 */
class SealingEventStorageEngineTest {

    private static final Serializer SERIALIZER = new AxonConfiguration().serializer();
    private static final EventSeal SEAL = new EventSeal("a key of at least thirty-two characters".getBytes());

    private final Store store = new Store();

    @Test
    void theNextEventOfAWriteIsChainedFromTheCommittedSealWithoutReadingTheStore() {
        DomainEventMessage<?> first = event("w1", 0);
        DomainEventMessage<?> second = event("w1", 1);
        inUnitOfWork(true, () -> store.engine.appendEvents(List.of(first)));
        inUnitOfWork(true, () -> store.engine.appendEvents(List.of(second)));
        Store readingOnly = new Store();
        readingOnly.engine.appendEvents(List.of(first));
        readingOnly.engine.appendEvents(List.of(second));

        assertThat(store.lookups).isEmpty();
        assertThat(readingOnly.lookups).containsExactly("w1#0");
        assertThat(store.sealOf("w1", 1)).isNotNull().isEqualTo(readingOnly.sealOf("w1", 1));
    }

    @Test
    void aSealFromARolledBackTransactionIsNotRemembered() {
        inUnitOfWork(true, () -> store.engine.appendEvents(List.of(event("w2", 0))));
        inUnitOfWork(false, () -> store.engine.appendEvents(List.of(event("w2", 1))));
        store.lookups.clear();

        inUnitOfWork(true, () -> store.engine.appendEvents(List.of(event("w2", 2))));

        assertThat(store.lookups).containsExactly("w2#1");
    }

    @Test
    void anEventWhosePredecessorIsNotRememberedIsChainedFromTheStore() {
        store.engine.appendEvents(List.of(event("w3", 0)));

        inUnitOfWork(true, () -> store.engine.appendEvents(List.of(event("w3", 1))));

        assertThat(store.lookups).containsExactly("w3#0");
    }

    /** An in-memory store behind the sealing engine, counting the seals it is asked for. */
    private static final class Store {
        final InMemoryEventStorageEngine delegate = new InMemoryEventStorageEngine();
        final List<String> lookups = new ArrayList<>();
        final SealingEventStorageEngine engine = new SealingEventStorageEngine(delegate, SERIALIZER, SEAL,
                (write, sequence) -> {
                    lookups.add(write + "#" + sequence);
                    return delegate.readEvents(write, sequence).asStream()
                            .filter(e -> e.getSequenceNumber() == sequence)
                            .map(e -> (String) e.getMetaData().get(EventSeal.METADATA_KEY)).findFirst();
                });

        String sealOf(String write, long sequence) {
            return delegate.readEvents(write, 0).asStream().filter(e -> e.getSequenceNumber() == sequence)
                    .map(e -> (String) e.getMetaData().get(EventSeal.METADATA_KEY)).findFirst().orElse(null);
        }
    }

    private static DomainEventMessage<?> event(String write, long sequence) {
        return new GenericDomainEventMessage<>("OfflineWrite", write, sequence, Map.of("n", sequence));
    }

    private static void inUnitOfWork(boolean commit, Runnable work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("test"));
        work.run();
        if (commit) {
            unitOfWork.commit();
        } else {
            unitOfWork.rollback();
        }
    }
}

package network.ohc.caresync.infrastructure.audit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DefaultEventBusSpanFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.tracing.NoOpSpanFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store keeps only the latest {@link SealedEventStoreConfiguration#CACHED_EVENTS} events in memory; an event
 * processor further behind than that still gets every event, in order, from the storage engine. The engine is
 * Axon's in-memory one because only the store's cache is under test; events in PostgreSQL reaching the views are
 * covered by the api module's tests.
 */
class EventStoreCacheTest {

    private final EmbeddedEventStore store = SealedEventStoreConfiguration.eventStore(new InMemoryEventStorageEngine(),
            NoOpMessageMonitor.INSTANCE, DefaultEventBusSpanFactory.builder().spanFactory(NoOpSpanFactory.INSTANCE).build());

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void keepsOnlyTheConfiguredNumberOfEventsInMemory() {
        assertThat(store).extracting("producer").extracting("cachedEvents")
                .isEqualTo(SealedEventStoreConfiguration.CACHED_EVENTS);
        assertThat(SealedEventStoreConfiguration.CACHED_EVENTS).isLessThan(10_000);
    }

    @Test
    void aProcessorFurtherBehindThanTheCacheStillGetsEveryEventInOrder() throws InterruptedException {
        int count = SealedEventStoreConfiguration.CACHED_EVENTS * 2 + 50;
        try (BlockingStream<TrackedEventMessage<?>> following = store.openStream(null);
             BlockingStream<TrackedEventMessage<?>> behind = store.openStream(null)) {
            List<Integer> followed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                store.publish(GenericEventMessage.asEventMessage(i));
                // one processor keeps up with the head, so the store's cache moves on past the other one
                if (following.hasNextAvailable(5, TimeUnit.SECONDS)) {
                    followed.add((Integer) following.nextAvailable().getPayload());
                }
            }

            List<Integer> read = new ArrayList<>();
            while (read.size() < count && behind.hasNextAvailable(5, TimeUnit.SECONDS)) {
                read.add((Integer) behind.nextAvailable().getPayload());
            }

            List<Integer> expected = IntStream.range(0, count).boxed().toList();
            assertThat(followed).isEqualTo(expected);
            assertThat(read).isEqualTo(expected);
        }
    }
}

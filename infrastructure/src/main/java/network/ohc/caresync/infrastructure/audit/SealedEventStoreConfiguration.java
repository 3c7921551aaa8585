package network.ohc.caresync.infrastructure.audit;

import network.ohc.caresync.infrastructure.config.KeyMaterial;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Optional;

/**
 * The event store's engine: Axon's JDBC engine, built as Axon's own JdbcAutoConfiguration builds it (which backs off
 * because this bean exists), wrapped so that every appended event is sealed. And the event store itself, built as
 * Axon's AxonAutoConfiguration builds it but with a smaller cache of recent events.
 */
@Configuration(proxyBeanMethods = false)
public class SealedEventStoreConfiguration {

    /**
     * How many of the latest events the event store keeps in memory for the event processors that follow the head of
     * the stream. Axon keeps 10,000 by default, always, whether a processor needs them or not: about 20 MB of a heap
     * whose live set is otherwise some 55 MB (a heap histogram after handing over 100,000 writes). A processor that
     * falls further behind reads the events from the database until it catches up.
     */
    static final int CACHED_EVENTS = 2_000;

    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration) {
        return eventStore(storageEngine, configuration.messageMonitor(EventStore.class, "eventStore"),
                configuration.getComponent(EventBusSpanFactory.class));
    }

    static EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         MessageMonitor<? super EventMessage<?>> monitor,
                                         EventBusSpanFactory spanFactory) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(monitor)
                .spanFactory(spanFactory)
                .cachedEvents(CACHED_EVENTS)
                .build();
    }

    /** As Axon's JdbcAutoConfiguration has it; it backs off once an event store is defined here. */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new JdbcSQLErrorCodesResolver();
    }

    @Bean
    public EventSeal eventSeal(KeyMaterial keys) {
        return new EventSeal(keys.auditKey());
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSeal seal, JdbcTemplate jdbc) {
        EventStorageEngine engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .build();
        return new SealingEventStorageEngine(engine, eventSerializer, seal, (aggregateId, sequence) -> Optional
                .ofNullable(jdbc.query("SELECT metadata FROM domainevententry "
                                + "WHERE aggregateidentifier = ? AND sequencenumber = ?",
                        rs -> rs.next() ? EventSeal.sealOf(rs.getBytes(1)) : null, aggregateId, sequence)));
    }
}

package network.ohc.caresync.infrastructure.audit;

import network.ohc.caresync.infrastructure.config.KeyMaterial;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Optional;

/**
 * The event store's engine: Axon's JDBC engine, built as Axon's own JdbcAutoConfiguration builds it (which backs off
 * because this bean exists), wrapped so that every appended event is sealed.
 */
@Configuration(proxyBeanMethods = false)
public class SealedEventStoreConfiguration {

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

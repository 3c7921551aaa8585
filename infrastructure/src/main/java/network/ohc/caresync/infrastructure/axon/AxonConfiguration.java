package network.ohc.caresync.infrastructure.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import network.ohc.caresync.application.dependency.DependencySaga;
import network.ohc.caresync.application.retry.RetrySaga;
import network.ohc.caresync.domain.write.OfflineWrite;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC engine (configured by Axon's Spring Boot support) with events,
 * sagas and tokens serialized as JSON by a mapper of their own, so that a web-layer Jackson setting never changes
 * what is stored; pooled streaming processors everywhere; failures in handlers retried, never skipped.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * Segments per event processor, so up to this many nodes share each processor's work. One: a facility's node does
     * a processor's work on one thread without trouble, and every segment costs. Axon's coordinator offers each event
     * to every segment and counts each segment's queue (a linked list, up to 1,024 events long) before each event it
     * hands out; once the processors trail a busy hand-over, the counting alone took more processor time than a
     * segment's handlers (benchmark profile: 4 segments, 272 writes/s at 4.8 ms of CPU each; 1 segment, 370 at 3.5).
     * Several nodes still share the work: each processor runs on whichever node holds its segment, and another takes
     * it over when that node stops. Applies when a processor first starts; processors with tokens keep their segments.
     */
    public static final int SEGMENTS = 1;

    /**
     * A write is loaded from its latest snapshot plus the events after it once it has more events than this: a write
     * retried many times (each attempt adds two or three events) no longer replays its whole history on every
     * command. Snapshots are only a cache of the aggregate: history, audit and the registry read the events.
     */
    public static final int SNAPSHOT_AFTER_EVENTS = 30;

    /** Metadata keys copied from each command to the events it causes: who caused them and from where. */
    public static final String[] CORRELATED_METADATA = {"actor", "actorRole", "deviceId", "requestId", "node"};

    /**
     * The mapper everything Axon stores is written with. Fields, not getters, so sagas and aggregate snapshots keep
     * their state; a set comes back in the order it was written (a write's unresolved parents are ordered).
     */
    public static ObjectMapper storageMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("ordered-sets").addAbstractTypeMapping(Set.class, LinkedHashSet.class))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .build();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(storageMapper()).lenientDeserialization().build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * How the snapshotter makes a write from its events: Spring's snapshotter finds aggregates only among beans,
     * and the write is configured below, not declared as a bean.
     */
    @Bean
    public AggregateFactory<OfflineWrite> offlineWriteFactory(ParameterResolverFactory parameters,
                                                             HandlerDefinition handlers) {
        return new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory.inspectAggregate(OfflineWrite.class,
                parameters, handlers));
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    public CorrelationDataProvider causeCorrelationProvider() {
        return new SimpleCorrelationDataProvider(CORRELATED_METADATA);
    }

    @Bean
    public ConfigurerModule careSyncModel() {
        return configurer -> {
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(OfflineWrite.class)
                    .configureSnapshotTrigger(config -> new EventCountSnapshotTriggerDefinition(config.snapshotter(),
                            SNAPSHOT_AFTER_EVENTS))
                    .configureSnapshotFilter(config -> SnapshotShape.of(OfflineWrite.class, storageMapper())));
            configurer.eventProcessing(processing -> processing
                    .usingPooledStreamingEventProcessors((config, builder) -> builder.batchSize(50)
                            .initialSegmentCount(SEGMENTS))
                    .registerSaga(DependencySaga.class)
                    .registerSaga(RetrySaga.class)
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
        };
    }
}

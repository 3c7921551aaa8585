package network.ohc.caresync.infrastructure.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import network.ohc.caresync.application.dependency.DependencySaga;
import network.ohc.caresync.application.retry.RetrySaga;
import network.ohc.caresync.domain.write.OfflineWrite;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC engine (configured by Axon's Spring Boot support) with events,
 * sagas and tokens serialized as JSON by a mapper of their own, so that a web-layer Jackson setting never changes
 * what is stored; pooled streaming processors everywhere; failures in handlers retried, never skipped.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * Segments per event processor, so up to this many nodes share each processor's work. Every event is queued for
     * every segment, and Axon's coordinator counts each segment's queue (a linked list) before each event it hands
     * out: with Axon's default of 16, a busy node spent more time counting than handling (README, Performance).
     * Applies when a processor first starts; processors with tokens keep their segments.
     */
    public static final int SEGMENTS = 4;

    /** Metadata keys copied from each command to the events it causes: who caused them and from where. */
    public static final String[] CORRELATED_METADATA = {"actor", "actorRole", "deviceId", "requestId", "node"};

    /** The mapper everything Axon stores is written with. Fields, not getters, so sagas keep their state. */
    public static ObjectMapper storageMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
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
            configurer.configureAggregate(OfflineWrite.class);
            configurer.eventProcessing(processing -> processing
                    .usingPooledStreamingEventProcessors((config, builder) -> builder.batchSize(50)
                            .initialSegmentCount(SEGMENTS))
                    .registerSaga(DependencySaga.class)
                    .registerSaga(RetrySaga.class)
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
        };
    }
}

package network.ohc.caresync.infrastructure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * How far each event processor of this node trails the event store: the events between the store's newest and the
 * lowest position of the processor's segments this node holds. Axon's own per-message metrics are off (they cost a
 * tenth of care-sync's processor time); this gauge tells an operator what those would have: whether the views, the
 * auditors' index and the sagas keep up. Read at most every few seconds however often it is scraped.
 */
public class EventProcessorLagMetrics implements MeterBinder {

    private static final Duration FRESH = Duration.ofSeconds(3);

    private final List<String> processors;
    private final Supplier<EventProcessingConfiguration> processing;
    private final EventStore eventStore;
    private final Clock clock;
    private final Map<String, Double> lag = new ConcurrentHashMap<>();
    private volatile Instant readAt = Instant.EPOCH;

    public EventProcessorLagMetrics(List<String> processors, Supplier<EventProcessingConfiguration> processing,
                                    EventStore eventStore, Clock clock) {
        this.processors = List.copyOf(processors);
        this.processing = processing;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String processor : processors) {
            Gauge.builder("care_sync_event_processor_lag_events", () -> read().getOrDefault(processor, Double.NaN))
                    .description("Events the processor's segments held by this node trail the event store by")
                    .tag("processor", processor).register(registry);
        }
    }

    private Map<String, Double> read() {
        Instant now = clock.instant();
        if (readAt.plus(FRESH).isBefore(now)) {
            readAt = now;
            long head = Optional.ofNullable(eventStore.createHeadToken()).map(TrackingToken::position)
                    .orElse(OptionalLong.empty()).orElse(0);
            for (String name : processors) {
                lowestPosition(name).ifPresentOrElse(position -> lag.put(name, (double) Math.max(0, head - position)),
                        () -> lag.remove(name));
            }
        }
        return lag;
    }

    private OptionalLong lowestPosition(String name) {
        return processing.get().eventProcessor(name, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .map(EventTrackerStatus::getCurrentPosition).filter(OptionalLong::isPresent)
                        .mapToLong(OptionalLong::getAsLong).min())
                .orElse(OptionalLong.empty());
    }
}

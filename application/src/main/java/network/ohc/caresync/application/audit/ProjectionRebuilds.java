package network.ohc.caresync.application.audit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Rebuilds a projection from the first event: its processor is stopped, its tokens are reset (its reset handlers
 * empty their tables: the write views and the auditors' index, kept by one processor; the write bases it also keeps
 * have none and keep their rows, see {@code WriteBaseProjection}) and it is started again, replaying every event. Only processors with a handler that allows a replay qualify. Sagas do not
 * (Axon's saga managers refuse a reset): a saga's handlers send commands and schedule deadlines, so replaying one
 * would act again on the past; sagas are never replayed and nothing is sent upstream again. Handlers that do run in
 * a replay only write their own tables; the write views do not tell the live pages about replayed changes.
 */
public final class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final Supplier<EventProcessingConfiguration> processing;
    private final EventStore eventStore;
    /** Rebuilds started here whose processor has not yet claimed a segment. */
    private final Set<String> starting = ConcurrentHashMap.newKeySet();

    public ProjectionRebuilds(Supplier<EventProcessingConfiguration> processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** The projections that can be rebuilt, by processor name. */
    public List<String> names() {
        return processing.get().eventProcessors().entrySet().stream()
                .filter(e -> e.getValue() instanceof StreamingEventProcessor s && s.supportsReset())
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** Stops, resets and restarts the projection; it then replays in the background. */
    public ProjectionProgress rebuild(String name) {
        StreamingEventProcessor processor = find(name);
        synchronized (processor) {
            log.info("rebuilding projection {} from the first event", name);
            try {
                processor.shutdownAsync().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RebuildRefused("interrupted while stopping projection " + name, e);
            } catch (ExecutionException | TimeoutException e) {
                processor.start();
                throw new RebuildRefused("projection " + name + " did not stop; nothing was reset", e);
            }
            try {
                processor.resetTokens();
            } catch (RuntimeException e) {
                processor.start();
                throw new RebuildRefused("projection " + name + " could not be reset (is another node processing "
                        + "it? stop the other nodes' processors first); it runs on unchanged", e);
            }
            starting.add(name);
            processor.start();
        }
        return progress(name);
    }

    public ProjectionProgress progress(String name) {
        StreamingEventProcessor processor = find(name);
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        long head = Optional.ofNullable(eventStore.createHeadToken()).map(TrackingToken::position)
                .orElse(OptionalLong.empty()).orElse(0);
        OptionalLong lowest = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
        if (!segments.isEmpty()) {
            starting.remove(name);
        }
        boolean replaying = starting.contains(name) || segments.stream().anyMatch(ProjectionRebuilds::replaying);
        long position = lowest.orElse(0);
        double percent = head <= 0 ? 100.0 : Math.min(100.0, Math.floor(position * 1000.0 / head) / 10.0);
        String error = segments.stream().filter(EventTrackerStatus::isErrorState).map(EventTrackerStatus::getError)
                .filter(java.util.Objects::nonNull).map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
                .findFirst().orElse(null);
        return new ProjectionProgress(name, processor.isRunning(), replaying, position, head, percent, segments.size(),
                error);
    }

    /**
     * Axon keeps a segment's token marked as replaying until an event newer than the reset point arrives; a segment
     * that has reached the point where the reset happened has, for anyone watching, finished its replay.
     */
    private static boolean replaying(EventTrackerStatus segment) {
        return segment.isReplaying() && segment.getCurrentPosition().orElse(-1)
                < segment.getResetPosition().orElse(Long.MAX_VALUE);
    }

    private StreamingEventProcessor find(String name) {
        if (!names().contains(name)) {
            throw new UnknownProjection(name, names());
        }
        return processing.get().eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProjection(name, names()));
    }
}

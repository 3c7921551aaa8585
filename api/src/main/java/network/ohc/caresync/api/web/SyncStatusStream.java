package network.ohc.caresync.api.web;

import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.view.WriteViewListener;
import network.ohc.caresync.domain.write.WriteStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Pushes status changes to open Sync Status Pages: each user gets their own writes' changes, an administrator
 * everyone's. Only ids and statuses travel here; the page reads details through the API.
 */
@Component
public class SyncStatusStream implements WriteViewListener {

    private static final long TIMEOUT = Duration.ofMinutes(30).toMillis();

    private record Subscriber(Caller caller, SseEmitter emitter) {
    }

    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final Map<String, Long> sequence = new ConcurrentHashMap<>();

    public SseEmitter open(Caller caller) {
        SseEmitter emitter = new SseEmitter(TIMEOUT);
        Subscriber subscriber = new Subscriber(caller, emitter);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        try {
            emitter.send(SseEmitter.event().name("hello").data(Map.of("userId", caller.userId())));
        } catch (IOException e) {
            subscribers.remove(subscriber);
        }
        return emitter;
    }

    /** Open streams would hold a graceful shutdown for its whole timeout: end them as soon as closing starts. */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    public void closeAll() {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.emitter().complete();
            } catch (RuntimeException alreadyGone) {
                // nothing to end
            }
        }
        subscribers.clear();
    }

    @Override
    public void changed(String writeId, String userId, WriteStatus status) {
        long n = sequence.merge("events", 1L, Long::sum);
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.caller().isAdmin() && !subscriber.caller().userId().equals(userId)) {
                continue;
            }
            try {
                subscriber.emitter().send(SseEmitter.event().id(Long.toString(n)).name("write")
                        .data(Map.of("id", writeId, "syncStatus", status.wireName())));
            } catch (IOException | IllegalStateException gone) {
                subscribers.remove(subscriber);
            }
        }
    }
}

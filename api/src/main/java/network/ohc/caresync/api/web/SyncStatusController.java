package network.ohc.caresync.api.web;

import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.view.SyncStatus;
import network.ohc.caresync.application.view.SyncStatusQuery;
import network.ohc.caresync.application.write.FieldError;
import network.ohc.caresync.application.write.HandOverRejected;
import network.ohc.caresync.domain.write.WriteStatus;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The proposal's Sync Status Page as data: counts and the four queues, and a stream of changes. */
@RestController
@RequestMapping("/api/v1/sync-status")
public class SyncStatusController {

    private final QueryGateway queries;
    private final SyncStatusStream stream;

    public SyncStatusController(QueryGateway queries, SyncStatusStream stream) {
        this.queries = queries;
        this.stream = stream;
    }

    @GetMapping
    public Map<String, Object> status(@RequestParam(defaultValue = "100") int perQueue) {
        if (perQueue < 0 || perQueue > 1000) {
            throw HandOverRejected.invalid(List.of(new FieldError("perQueue", "must be between 0 and 1000")));
        }
        Caller caller = Callers.current();
        SyncStatus status = queries.query(new SyncStatusQuery(caller.userId(), perQueue),
                ResponseTypes.instanceOf(SyncStatus.class)).join();
        Map<String, Object> counts = new LinkedHashMap<>();
        for (WriteStatus s : WriteStatus.values()) {
            counts.put(s.wireName(), status.counts().getOrDefault(s, 0L));
        }
        Map<String, Object> queues = new LinkedHashMap<>();
        queues.put("pending", WriteResources.of(status.pending()));
        queues.put("failed", WriteResources.of(status.failed()));
        queues.put("conflicts", WriteResources.of(status.conflicts()));
        queues.put("success", WriteResources.of(status.success()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("counts", counts);
        answer.put("queues", queues);
        return answer;
    }

    /** Server-sent events: a {@code write} event whenever one of the caller's writes changes status. */
    @GetMapping(path = "/stream", produces = "text/event-stream")
    public SseEmitter stream() {
        return stream.open(Callers.current());
    }
}

package network.ohc.caresync.api.web;

import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.view.FindWriteQuery;
import network.ohc.caresync.application.view.FindWritesQuery;
import network.ohc.caresync.application.view.FoundWrite;
import network.ohc.caresync.application.view.WriteHistory;
import network.ohc.caresync.application.dependency.ParentStates;
import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.sync.BaseVersions;
import network.ohc.caresync.application.write.PayloadSchemas;
import network.ohc.caresync.application.write.WriteRegistry;
import network.ohc.caresync.application.view.WriteViewStore;
import network.ohc.caresync.application.write.BatchItemResult;
import network.ohc.caresync.application.write.FieldError;
import network.ohc.caresync.application.write.HandOverOutcome;
import network.ohc.caresync.application.write.HandOverRejected;
import network.ohc.caresync.application.write.HandOverService;
import network.ohc.caresync.application.write.WriteActions;
import network.ohc.caresync.application.write.WriteNotFound;
import network.ohc.caresync.domain.write.Resolution;
import network.ohc.caresync.domain.write.WriteRuleViolation;
import network.ohc.caresync.domain.write.WriteStatus;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The device API for offline writes (DESIGN.md §6). */
@RestController
@RequestMapping("/api/v1/offline-writes")
public class OfflineWritesController {

    private static final int MAX_PAGE_SIZE = 500;

    private final HandOverService handOver;
    private final WriteActions actions;
    private final QueryGateway queries;
    private final WriteHistory history;
    private final WriteRegistry registry;
    private final ParentStates states;
    private final Clock clock;
    private final BaseVersions bases;
    private final RouteTable routes;
    private final PayloadSchemas schemas;

    public OfflineWritesController(HandOverService handOver, WriteActions actions, QueryGateway queries,
                                   WriteHistory history, WriteRegistry registry, ParentStates states, Clock clock,
                                   BaseVersions bases, RouteTable routes, PayloadSchemas schemas) {
        this.handOver = handOver;
        this.actions = actions;
        this.queries = queries;
        this.history = history;
        this.registry = registry;
        this.states = states;
        this.clock = clock;
        this.bases = bases;
        this.routes = routes;
        this.schemas = schemas;
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> handOver(@RequestBody Object body) {
        HandOverOutcome outcome = handOver.handOver(Callers.current(), body);
        return ResponseEntity.status(outcome.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(WriteResources.of(outcome));
    }

    @PostMapping("/batch")
    public Map<String, Object> handOverBatch(@RequestBody Object body) {
        List<?> writes = body instanceof List<?> list ? list
                : body instanceof Map<?, ?> map && map.get("writes") instanceof List<?> list ? list : null;
        if (writes == null) {
            throw HandOverRejected.invalid(List.of(new FieldError("writes",
                    "send a JSON array of writes, or an object with a 'writes' array")));
        }
        List<BatchItemResult> results = handOver.handOverBatch(Callers.current(), writes);
        List<Map<String, Object>> items = new ArrayList<>();
        int accepted = 0;
        for (BatchItemResult result : results) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", result.index());
            item.put("id", result.id());
            if (result.outcome() != null) {
                accepted++;
                item.put("status", result.outcome().created() ? 202 : 200);
                item.put("write", WriteResources.of(result.outcome()));
            } else {
                item.put("status", ProblemHandler.statusOf(result.rejection()).value());
                item.put("detail", result.rejection().getMessage());
                item.put("errors", result.rejection().errors().stream()
                        .map(e -> Map.of("field", e.field(), "message", e.message())).toList());
            }
            items.add(item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", accepted);
        answer.put("rejected", results.size() - accepted);
        answer.put("results", items);
        return answer;
    }

    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) List<String> status,
                                    @RequestParam(required = false) String resourceType,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        Caller caller = Callers.current();
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw HandOverRejected.invalid(List.of(new FieldError(page < 0 ? "page" : "size",
                    page < 0 ? "must be 0 or more" : "must be between 1 and " + MAX_PAGE_SIZE)));
        }
        WriteViewStore.Page found = queries.query(new FindWritesQuery(caller.userId(), statuses(status),
                resourceType, page, size), ResponseTypes.instanceOf(WriteViewStore.Page.class)).join();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", WriteResources.of(found.items()));
        answer.put("page", found.page());
        answer.put("size", found.size());
        answer.put("total", found.total());
        return answer;
    }

    @GetMapping("/{id}")
    public Map<String, Object> one(@PathVariable String id) {
        Caller caller = Callers.current();
        FoundWrite found = queries.query(new FindWriteQuery(id), ResponseTypes.instanceOf(FoundWrite.class)).join();
        Map<String, Object> write;
        if (found.view() != null) {
            requireVisible(caller, id, found.view().userId());
            write = WriteResources.of(found.view());
            write.put("base", WriteResources.base(found.view(), bases));
        } else {
            // handed over a moment ago: the views have not caught up, the event store has it
            String owner = registry.ownersOf(List.of(id)).get(id);
            requireVisible(caller, id, owner);
            write = new LinkedHashMap<>();
            write.put("id", id);
            write.put("userId", owner);
            write.put("syncStatus", states.of(id).status().wireName());
            write.put("catchingUp", true);
        }
        write.put("history", history.of(id));
        return write;
    }

    private static void requireVisible(Caller caller, String id, String owner) {
        if (owner == null || !(caller.isAdmin() || owner.equals(caller.userId()))) {
            throw new WriteNotFound(id);
        }
    }

    @PostMapping("/{id}/retry")
    public ResponseEntity<Map<String, Object>> retry(@PathVariable String id) {
        actions.retry(Callers.current(), id);
        return ResponseEntity.accepted().body(Map.of("id", id, "requested", "retry"));
    }

    @PostMapping("/{id}/discard")
    public Map<String, Object> discard(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
        String reason = body == null || body.get("reason") == null ? null : body.get("reason").toString();
        if (reason == null || reason.isBlank()) {
            throw HandOverRejected.invalid(List.of(new FieldError("reason", "say why the write is given up")));
        }
        actions.discard(Callers.current(), id, reason);
        return Map.of("id", id, "syncStatus", WriteStatus.DISCARDED.wireName());
    }

    @PostMapping("/{id}/resolve")
    public ResponseEntity<Map<String, Object>> resolve(@PathVariable String id, @RequestBody Map<String, Object> body) {
        Object choice = body.get("resolution");
        Resolution resolution;
        try {
            resolution = Resolution.fromWireName(String.valueOf(choice));
        } catch (IllegalArgumentException e) {
            throw HandOverRejected.invalid(List.of(new FieldError("resolution",
                    "one of keep_mine, take_theirs, merged")));
        }
        if (resolution == Resolution.AUTO_MERGED) {
            throw HandOverRejected.invalid(List.of(new FieldError("resolution",
                    "auto_merged is care-sync's own; choose keep_mine, take_theirs or merged")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = body.get("payload") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        if (resolution == Resolution.MERGED && payload == null) {
            throw HandOverRejected.invalid(List.of(new FieldError("payload",
                    "a merged resolution needs the merged payload (a JSON object)")));
        }
        if (resolution == Resolution.MERGED) {
            requireValidMerge(Callers.current(), id, payload);
        }
        String realId = body.get("realId") instanceof String s ? s : null;
        String reason = body.get("reason") instanceof String s ? s : null;
        actions.resolve(Callers.current(), id, resolution, payload, realId, reason);
        return ResponseEntity.accepted().body(Map.of("id", id, "resolution", resolution.wireName()));
    }

    /**
     * A merged payload is sent to CARE as it is, so it must satisfy the route's JSON Schema as a hand-over must;
     * nothing is stored otherwise. Asked of the views, which hold every write long before it can conflict.
     */
    private void requireValidMerge(Caller caller, String id, Map<String, Object> payload) {
        FoundWrite found = queries.query(new FindWriteQuery(id), ResponseTypes.instanceOf(FoundWrite.class)).join();
        if (found.view() == null) {
            requireVisible(caller, id, registry.ownersOf(List.of(id)).get(id));
            throw new WriteRuleViolation("not_in_conflict", id,
                    "write " + id + " was handed over a moment ago and is not in conflict");
        }
        requireVisible(caller, id, found.view().userId());
        String schema = routes.find(found.view().syncRouteKey()).map(Route::schema).orElse(null);
        if (schema != null) {
            List<FieldError> errors = schemas.validate(schema, payload);
            if (!errors.isEmpty()) {
                throw HandOverRejected.invalid(errors);
            }
        }
    }

    @PostMapping("/{id}/repoint")
    public ResponseEntity<Map<String, Object>> repoint(@PathVariable String id, @RequestBody Map<String, Object> body) {
        String from = body.get("from") instanceof String s ? s : null;
        String toWrite = body.get("toWriteId") instanceof String s ? s : null;
        String toReal = body.get("toRealId") instanceof String s ? s : null;
        List<FieldError> errors = new ArrayList<>();
        if (from == null) {
            errors.add(new FieldError("from", "the parent write id to replace"));
        }
        if ((toWrite == null) == (toReal == null)) {
            errors.add(new FieldError("toWriteId", "give either toWriteId or toRealId"));
        }
        if (!errors.isEmpty()) {
            throw HandOverRejected.invalid(errors);
        }
        actions.repoint(Callers.current(), id, from, toWrite, toReal);
        return ResponseEntity.accepted().body(Map.of("id", id, "repointed", from));
    }

    /** cleanupSuccessfulWrites: archives successes older than {@code olderThan} (a duration such as P7D, or a time). */
    @DeleteMapping
    public Map<String, Object> cleanup(@RequestParam String status, @RequestParam String olderThan) {
        if (!WriteStatus.SUCCESS.wireName().equals(status.toLowerCase(Locale.ROOT))) {
            throw HandOverRejected.invalid(List.of(new FieldError("status", "only successful writes are cleaned up")));
        }
        Instant before;
        try {
            before = olderThan.startsWith("P") ? clock.instant().minus(Duration.parse(olderThan))
                    : Instant.parse(olderThan);
        } catch (DateTimeParseException e) {
            throw HandOverRejected.invalid(List.of(new FieldError("olderThan",
                    "an ISO-8601 duration (P7D) or time (2026-11-01T00:00:00Z)")));
        }
        return Map.of("archived", actions.archiveSuccesses(Callers.current(), before));
    }

    static Set<WriteStatus> statuses(List<String> names) {
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        Set<WriteStatus> statuses = EnumSet.noneOf(WriteStatus.class);
        for (String name : names) {
            for (String part : name.split(",")) {
                try {
                    statuses.add(WriteStatus.fromWireName(part));
                } catch (IllegalArgumentException e) {
                    throw HandOverRejected.invalid(List.of(new FieldError("status", "unknown status '" + part
                            + "'; one of pending, blocked, in_flight, success, failed, conflict, in_doubt, discarded")));
                }
            }
        }
        return statuses;
    }
}

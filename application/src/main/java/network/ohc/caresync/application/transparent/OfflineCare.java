package network.ohc.caresync.application.transparent;

import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.auth.CredentialStore;
import network.ohc.caresync.application.auth.StoredCredential;
import network.ohc.caresync.application.cache.CacheKey;
import network.ohc.caresync.application.cache.CacheReadRefused;
import network.ohc.caresync.application.cache.CachedRead;
import network.ohc.caresync.application.cache.OverlayWrites;
import network.ohc.caresync.application.cache.QueryCache;
import network.ohc.caresync.application.cache.QueryCacheStore;
import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteKind;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.write.FieldError;
import network.ohc.caresync.application.write.HandOverOutcome;
import network.ohc.caresync.application.write.HandOverRejected;
import network.ohc.caresync.application.write.HandOverService;
import network.ohc.caresync.application.write.WriteId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CARE's API answered by care-sync itself, for the transparent mode while CARE cannot be reached (and for requests
 * naming records that exist only as offline writes, which CARE could not understand anyway). Nothing here is a second
 * path: reads are the query cache's (stored copies, the user's pending writes laid over), writes are hand-overs (the
 * route table's routes, temporary ids becoming parents), and both answer in CARE's shapes.
 */
public final class OfflineCare {

    public static final String CURRENT_USER = "/api/v1/users/getcurrentuser/";
    private static final Logger log = LoggerFactory.getLogger(OfflineCare.class);
    private static final Duration VIEW_POLL = Duration.ofMillis(20);
    private static final Pattern PARENT_FIELD = Pattern.compile(
            "parentMutationIds\\[(\\d+)]");

    private final RouteTable routes;
    private final QueryCache cache;
    private final QueryCacheStore store;
    private final HandOverService handOver;
    private final OverlayWrites writes;
    private final CredentialStore credentials;
    private final Clock clock;
    private final Duration viewWait;

    public OfflineCare(RouteTable routes, QueryCache cache, QueryCacheStore store, HandOverService handOver,
                       OverlayWrites writes, CredentialStore credentials, Clock clock, Duration viewWait) {
        this.routes = routes;
        this.cache = cache;
        this.store = store;
        this.handOver = handOver;
        this.writes = writes;
        this.credentials = credentials;
        this.clock = clock;
        this.viewWait = viewWait;
    }

    /** Whether a text names an offline write's temporary id ({@code offline-<uuid>}), which CARE cannot know. */
    public static boolean mentionsTemporaryId(String text) {
        return text != null && text.contains("offline-")
                && WriteId.mentionsIn(text).stream().anyMatch(id -> id.startsWith("offline-"));
    }

    /**
     * A GET: the query route its path matches, read through the query cache; with {@code askCare} the cache may ask
     * CARE (a temporary id of a write that synced since is read as its real record), without it only what
     * care-sync holds is served.
     */
    public CareAnswer read(Caller caller, String path, Map<String, List<String>> query, boolean askCare) {
        Optional<Route> route = routes.matchQuery(path);
        if (route.isEmpty()) {
            return CareAnswer.notAvailableOffline();
        }
        Map<String, List<String>> params = new LinkedHashMap<>(query);
        route.get().path().match(path).orElseThrow().forEach((name, value) -> params.put(name, List.of(value)));
        try {
            CachedRead read = askCare ? cache.read(caller, route.get().key(), params)
                    : cache.readKept(caller, route.get().key(), params);
            CareAnswer answer = new CareAnswer(read.status(), read.body() == null ? new byte[0] : read.body(),
                    Map.of(CareAnswer.SOURCE, read.source().wireName()));
            if (read.fetchedAt() != null) {
                answer = answer.withHeader("Age", Long.toString(Math.max(0, read.age().toSeconds())))
                        .withHeader("X-Care-Sync-Fetched-At", read.fetchedAt().toString());
            }
            return answer;
        } catch (CacheReadRefused refused) {
            if (refused.reason() == CacheReadRefused.Reason.NOT_AVAILABLE_OFFLINE && CURRENT_USER.equals(path)) {
                return currentUser(caller);
            }
            return refusal(route.get(), refused);
        }
    }

    /**
     * A mutation: an offline write on the route its method and path match, answered as CARE answers it: a create
     * with its record (the temporary id is the write's id), an update with the record as the user last saw it and
     * the change applied. A request matching no route is refused and nothing is stored.
     */
    public CareAnswer write(Caller caller, String method, String path, byte[] body) {
        Optional<Route> matched = routes.matchMutation(method, path);
        if (matched.isEmpty()) {
            return CareAnswer.notAvailableOffline();
        }
        Route route = matched.get();
        Map<String, Object> payload;
        try {
            payload = Json.asObject(Json.parse(body));
        } catch (RuntimeException notJson) {
            payload = null;
        }
        if (payload == null) {
            return CareAnswer.errors(400, "json_invalid", List.of(""), List.of("the body must be a JSON object"));
        }
        Map<String, Object> pathParams = new LinkedHashMap<>(route.path().match(path).orElseThrow());
        if (pathParams.values().stream().anyMatch(id -> !WriteId.isValid(String.valueOf(id)))) {
            // neither a CARE id (a UUID) nor a temporary id: CARE would find no such record
            return notFound(route);
        }
        // Every temporary id the request names must be one of the user's writes: as a parent it is replaced by the
        // real id before CARE sees it; left as it is, CARE would get an id it cannot know.
        List<String> temporaryIds = new ArrayList<>();
        for (String id : WriteId.mentionsIn(path + new String(body, StandardCharsets.UTF_8))) {
            if (id.startsWith("offline-") && !temporaryIds.contains(id)) {
                temporaryIds.add(id);
            }
        }
        String writeId = "offline-" + UUID.randomUUID();
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("id", writeId);
        raw.put("userId", caller.userId());
        raw.put("syncrouteKey", route.key());
        raw.put("type", route.kind().name().toLowerCase(Locale.ROOT));
        if (!pathParams.isEmpty()) {
            raw.put("pathParams", pathParams);
        }
        if (!temporaryIds.isEmpty()) {
            raw.put("parentMutationIds", temporaryIds);
        }
        raw.put("payload", payload);
        raw.put("clientTimestamp", clock.millis());
        versionSeen(caller, route, pathParams).ifPresent(seen -> {
            raw.put("serverTimestamp", seen.modifiedDate());
            raw.put("queryrouteKey", seen.queryRoute());
            raw.put("queryParams", seen.params());
        });
        HandOverOutcome outcome;
        try {
            outcome = handOver.handOver(caller, raw);
        } catch (HandOverRejected rejected) {
            List<String> unknown = unknownParents(rejected, temporaryIds);
            if (!unknown.isEmpty()) {
                return unknownTemporaryId(route, path, unknown);
            }
            return rejection(rejected);
        }
        log.info("transparent mode: {} {} became offline write {} on route {}", method, route.path(), writeId,
                route.key());
        awaitView(caller.userId(), writeId);
        return answer(caller, route, pathParams, writeId, outcome).withHeader(CareAnswer.WRITE_ID, writeId);
    }

    /** The signed-in user as CARE shows them, from the stored credential, when no copy of CARE's answer is kept. */
    public CareAnswer currentUser(Caller caller) {
        Optional<StoredCredential> known = credentials.find(caller.userId());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", caller.userId());
        user.put("username", caller.username());
        user.put("first_name", known.map(StoredCredential::firstName).orElse(null));
        user.put("last_name", known.map(StoredCredential::lastName).orElse(null));
        return CareAnswer.json(200, user).withHeader(CareAnswer.SOURCE, "local");
    }

    /** The version of the record an update was made against: the user's cached copy's modified_date. */
    private record Seen(String queryRoute, Map<String, Object> params, String modifiedDate) {
    }

    private Optional<Seen> versionSeen(Caller caller, Route route, Map<String, Object> pathParams) {
        if (route.kind() == RouteKind.CREATE || route.kind() == RouteKind.BATCH || route.queryRoute() == null) {
            return Optional.empty();
        }
        Route query = routes.find(route.queryRoute()).orElseThrow();
        String param = query.path().parameters().get(0);
        Object id = pathParams.get(param);
        if (id == null || mentionsTemporaryId(id.toString())) {
            // a record created offline: its dates are placeholders, and nobody else can have changed it
            return Optional.empty();
        }
        Map<String, Object> params = Map.of(param, id.toString());
        return store.peek(caller.userId(), CacheKey.of(query.key(), params), clock.instant())
                .map(entry -> {
                    try {
                        return Json.asObject(Json.parse(entry.body()));
                    } catch (RuntimeException notJson) {
                        return null;
                    }
                })
                .filter(record -> record.get("modified_date") instanceof String)
                .map(record -> new Seen(query.key(), params, (String) record.get("modified_date")));
    }

    /** The write views are updated a moment after the events are stored; the answer is read from them. */
    private void awaitView(String userId, String writeId) {
        Instant deadline = clock.instant().plus(viewWait);
        while (writes.byIds(userId, List.of(writeId)).isEmpty()) {
            if (!clock.instant().isBefore(deadline)) {
                log.warn("the write views did not show write {} within {}; answering from the request", writeId,
                        viewWait);
                return;
            }
            try {
                Thread.sleep(VIEW_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private CareAnswer answer(Caller caller, Route route, Map<String, Object> pathParams, String writeId,
                              HandOverOutcome outcome) {
        Map<String, Object> payload = outcome.submission().payload();
        if (route.kind() == RouteKind.BATCH) {
            return CareAnswer.json(200, batchResults(payload)).withHeader(CareAnswer.SOURCE, "local");
        }
        if (route.queryRoute() != null) {
            Route query = routes.find(route.queryRoute()).orElseThrow();
            String param = query.path().parameters().get(0);
            Object id = route.kind() == RouteKind.CREATE ? writeId : pathParams.get(param);
            try {
                CachedRead read = cache.readKept(caller, query.key(), Map.of(param, List.of(String.valueOf(id))));
                if (read.status() == 200) {
                    return new CareAnswer(200, read.body(), Map.of(CareAnswer.SOURCE, "local"));
                }
            } catch (CacheReadRefused notKept) {
                // never read online (or the views lag): answer with what the request said
            }
            return CareAnswer.json(200, asRecord(String.valueOf(id), payload, writeId, outcome))
                    .withHeader(CareAnswer.SOURCE, "local");
        }
        Object id = route.kind() == RouteKind.CREATE ? writeId
                : pathParams.values().stream().findFirst().orElse(writeId);
        return CareAnswer.json(200, asRecord(String.valueOf(id), payload, writeId, outcome))
                .withHeader(CareAnswer.SOURCE, "local");
    }

    private static Map<String, Object> asRecord(String id, Map<String, Object> payload, String writeId,
                                                HandOverOutcome outcome) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.putAll(payload);
        record.put("id", id);
        record.put("is_updated_offline", true);
        record.put("offline_write_ids", List.of(writeId));
        record.put("offline_sync_status", outcome.status().wireName());
        return record;
    }

    /** CARE's batch answer, each sub-request answered with what it carried, as accepted. */
    private static Map<String, Object> batchResults(Map<String, Object> payload) {
        List<Object> results = new ArrayList<>();
        if (payload.get("requests") instanceof List<?> requests) {
            for (Object item : requests) {
                Map<String, Object> request = Json.asObject(item);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("reference_id", request == null ? null : request.get("reference_id"));
                result.put("data", request == null ? null : request.get("body"));
                result.put("status_code", 200);
                results.add(result);
            }
        }
        return Map.of("results", results);
    }

    private static CareAnswer refusal(Route route, CacheReadRefused refused) {
        return switch (refused.reason()) {
            case NOT_AVAILABLE_OFFLINE -> CareAnswer.detail(503,
                    "Not available offline: this page was never opened while online");
            case NOT_FOUND -> CareAnswer.errors(404, "object_not_found", null,
                    List.of("No " + name(route.resourceType()) + " matches the given query."));
            case INVALID_PARAMETER, UNKNOWN_ROUTE -> CareAnswer.errors(400, "validation_error",
                    List.of(refused.field() == null ? "" : refused.field()), List.of(refused.getMessage()));
            case SIGN_IN_REQUIRED -> CareAnswer.tokenNotValid();
        };
    }

    private static CareAnswer notFound(Route route) {
        return CareAnswer.errors(404, "object_not_found", null,
                List.of("No " + name(route.resourceType()) + " matches the given query."));
    }

    /** The temporary ids hand-over refused as parents (none of the user's writes). */
    private static List<String> unknownParents(HandOverRejected rejected, List<String> temporaryIds) {
        List<String> unknown = new ArrayList<>();
        for (FieldError error : rejected.errors()) {
            Matcher index = PARENT_FIELD.matcher(error.field());
            if (index.matches() && Integer.parseInt(index.group(1)) < temporaryIds.size()) {
                unknown.add(temporaryIds.get(Integer.parseInt(index.group(1))));
            }
        }
        return unknown;
    }

    /** A temporary id that is none of the user's writes: in the path CARE finds no record; in the body, no reference. */
    private static CareAnswer unknownTemporaryId(Route route, String path, List<String> unknown) {
        if (unknown.stream().anyMatch(path::contains)) {
            return notFound(route);
        }
        return CareAnswer.errors(400, "validation_error", List.of(""), List.of("No record made offline on this "
                + "account has the temporary id " + String.join(", ", unknown)));
    }

    private static CareAnswer rejection(HandOverRejected rejected) {
        return switch (rejected.reason()) {
            case INVALID, ID_IN_USE -> {
                List<String> locs = new ArrayList<>();
                List<String> messages = new ArrayList<>();
                for (FieldError error : rejected.errors()) {
                    locs.add(error.field().startsWith("payload.") ? error.field().substring(8) : error.field());
                    messages.add(error.message());
                }
                yield CareAnswer.errors(400, "validation_error", locs, messages);
            }
            case TOO_LARGE -> CareAnswer.detail(413, rejected.getMessage());
            case FORBIDDEN -> CareAnswer.detail(403, rejected.getMessage());
        };
    }

    private static String name(String resourceType) {
        if (resourceType == null || resourceType.isEmpty()) {
            return "record";
        }
        return Character.toUpperCase(resourceType.charAt(0)) + resourceType.substring(1);
    }
}

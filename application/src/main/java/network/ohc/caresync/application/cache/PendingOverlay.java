package network.ohc.caresync.application.cache;

import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.route.Overlay;
import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.domain.write.WriteStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Lays the user's own writes that CARE has not got yet over CARE's answers, as the route table's overlay rules say: a
 * record gets the payloads of its pending updates; a list gets its pending creates as records of the API's shape,
 * with placeholders for what the server would make. Everything laid over is marked ({@code is_updated_offline},
 * the write ids and their sync status). A stored copy older than a write that synced since also gets CARE's answer
 * to that write, so a synced record never disappears from an offline read.
 */
final class PendingOverlay {

    /** Which status a record shows when several of its writes are pending: the one a person must see first. */
    private static final List<WriteStatus> ATTENTION = List.of(WriteStatus.CONFLICT, WriteStatus.IN_DOUBT,
            WriteStatus.FAILED, WriteStatus.BLOCKED, WriteStatus.IN_FLIGHT, WriteStatus.PENDING);

    private final RouteTable routes;
    private final OverlayWrites writes;
    private final QueryCacheStore store;
    private final Clock clock;

    PendingOverlay(RouteTable routes, OverlayWrites writes, QueryCacheStore store, Clock clock) {
        this.routes = routes;
        this.writes = writes;
        this.store = store;
        this.clock = clock;
    }

    /** Who reads: their id and how CARE shows them as a record's creator. */
    record Reader(String userId, Map<String, Object> asCreator) {
    }

    /**
     * CARE's answer with the user's writes laid over it, or empty when none applies.
     *
     * @param storedAt when the answer was fetched, for a stored copy (writes synced since then are laid over too);
     *                 null for an answer CARE gave just now
     */
    Optional<Object> apply(Reader reader, Route route, Map<String, String> params, Object answer, Instant storedAt) {
        if (route.overlays().isEmpty()) {
            return Optional.empty();
        }
        Pass pass = new Pass(reader, writes.of(reader.userId(), writeRoutes(route), storedAt));
        if (pass.candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> object = Json.asObject(answer);
        if (object == null) {
            return Optional.empty();
        }
        Map<String, Object> copy = new LinkedHashMap<>(object);
        boolean changed = copy.get("results") instanceof List<?>
                ? pass.list(route, params, copy) : pass.updates(route, copy);
        return changed ? Optional.of(copy) : Optional.empty();
    }

    /**
     * The record a temporary id names: the pending create it stands for, with the user's later pending updates to
     * it; or CARE's answer to that create once it synced. Empty when the write is not a create this route shows.
     */
    Optional<Map<String, Object>> temporaryRecord(Reader reader, Route route, String param, OverlayWrite write) {
        Overlay rule = route.overlays().stream()
                .filter(o -> o.isTemporaryRecord() && Overlay.WRITE_ID.equals(o.match().get(param))
                        && o.writes().contains(write.syncRouteKey()))
                .findFirst().orElse(null);
        if (rule == null) {
            return Optional.empty();
        }
        Pass pass = new Pass(reader, writes.of(reader.userId(), writeRoutes(route), null));
        Map<String, Object> record;
        if (write.isUnsynced()) {
            record = pass.pending(write, rule, 0);
        } else if (Json.asObject(write.response()) != null) {
            record = new LinkedHashMap<>(Json.asObject(write.response()));
        } else {
            return Optional.empty();
        }
        pass.updates(route, record);
        return Optional.of(record);
    }

    private static Set<String> writeRoutes(Route route) {
        Set<String> keys = new HashSet<>();
        route.overlays().forEach(o -> keys.addAll(o.writes()));
        return keys;
    }

    /** One overlay of one answer: the candidate writes, and what was looked up for them. */
    private final class Pass {
        private final Reader reader;
        private final List<OverlayWrite> candidates;
        private final Map<String, Object> expanded = new HashMap<>();

        Pass(Reader reader, List<OverlayWrite> candidates) {
            this.reader = reader;
            this.candidates = candidates;
        }

        boolean list(Route route, Map<String, String> params, Map<String, Object> answer) {
            List<Object> results = new ArrayList<>((List<?>) answer.get("results"));
            Set<String> present = new HashSet<>();
            results.forEach(item -> {
                Map<String, Object> record = Json.asObject(item);
                if (record != null && record.get("id") != null) {
                    present.add(record.get("id").toString());
                }
            });
            List<Map.Entry<Long, Map<String, Object>>> added = new ArrayList<>();
            if (firstPage(params)) {
                Set<String> taken = new HashSet<>();
                for (Overlay rule : route.overlays()) {
                    if (rule.as() != Overlay.Kind.CREATE || rule.isTemporaryRecord()
                            || !params.keySet().containsAll(rule.match().keySet())) {
                        continue;
                    }
                    for (OverlayWrite write : candidates) {
                        if (!rule.writes().contains(write.syncRouteKey()) || !matches(rule, params::get, write)
                                || !taken.add(write.writeId())) {
                            continue;
                        }
                        if (write.isUnsynced()) {
                            added.add(Map.entry(write.seq(), pending(write, rule, 0)));
                        } else {
                            Map<String, Object> real = Json.asObject(write.response());
                            if (real != null && real.get("id") != null && present.add(real.get("id").toString())) {
                                added.add(Map.entry(write.seq(), new LinkedHashMap<>(real)));
                            }
                        }
                    }
                }
            }
            // CARE lists newest first, and the user's own creates are the newest
            added.sort(Map.Entry.<Long, Map<String, Object>>comparingByKey(Comparator.reverseOrder()));
            List<Object> merged = new ArrayList<>(added.stream().map(Map.Entry::getValue).toList());
            merged.addAll(results);
            boolean changed = !added.isEmpty();
            for (int i = 0; i < merged.size(); i++) {
                Map<String, Object> record = Json.asObject(merged.get(i));
                if (record != null) {
                    Map<String, Object> copy = new LinkedHashMap<>(record);
                    if (updates(route, copy)) {
                        merged.set(i, copy);
                        changed = true;
                    }
                }
            }
            if (!changed) {
                return false;
            }
            answer.put("results", merged);
            if (answer.get("count") instanceof Number count) {
                answer.put("count", count.longValue() + added.size());
            }
            return true;
        }

        /** Lays the matching updates over one record; whether anything changed. */
        boolean updates(Route route, Map<String, Object> record) {
            List<OverlayWrite> pending = new ArrayList<>();
            Map<String, Overlay> ruleOf = new HashMap<>();
            boolean changed = false;
            for (Overlay rule : route.overlays()) {
                if (rule.as() != Overlay.Kind.UPDATE) {
                    continue;
                }
                for (OverlayWrite write : candidates) {
                    if (!rule.writes().contains(write.syncRouteKey()) || !matches(rule, record::get, write)) {
                        continue;
                    }
                    if (write.isUnsynced()) {
                        if (ruleOf.putIfAbsent(write.writeId(), rule) == null) {
                            pending.add(write);
                        }
                    } else {
                        Map<String, Object> real = Json.asObject(write.response());
                        if (real != null && CareDates.later(real.get("modified_date"), record.get("modified_date"))) {
                            // synced after this copy was stored: CARE's answer to it is the newer record
                            record.clear();
                            record.putAll(real);
                            changed = true;
                        }
                    }
                }
            }
            if (pending.isEmpty()) {
                return changed;
            }
            pending.sort(Comparator.comparingLong(OverlayWrite::seq));
            for (OverlayWrite write : pending) {
                Overlay rule = ruleOf.get(write.writeId());
                if (write.payload() != null) {
                    write.payload().forEach((field, value) -> record.put(field,
                            rule.objects().containsKey(field)
                                    ? object(rule.objects().get(field), value, record.get(field), 0) : value));
                }
            }
            mark(record, pending);
            return true;
        }

        /** A pending create as a record of the API's shape. */
        Map<String, Object> pending(OverlayWrite write, Overlay rule, int depth) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", write.writeId());
            if (write.payload() != null) {
                write.payload().forEach((field, value) -> record.put(field, rule.objects().containsKey(field)
                        ? object(rule.objects().get(field), value, null, depth) : value));
            }
            rule.placeholders().forEach((field, value) -> {
                if (!record.containsKey(field)) {
                    record.put(field, value == null ? null : Json.parse(Json.bytes(value)));
                }
            });
            String received = CareDates.format(write.receivedAt());
            record.put("created_date", received);
            record.put("modified_date", received);
            record.put("created_by", reader.asCreator());
            record.put("updated_by", reader.asCreator());
            record.put("offline_write_id", write.writeId());
            mark(record, List.of(write));
            return record;
        }

        /**
         * A field CARE answers as an object where the device wrote an id: the object as the user last saw it (their
         * pending record, or their cached copy), else {@code {id}}.
         */
        Object object(String queryRouteKey, Object value, Object current, int depth) {
            if (!(value instanceof String) && !(value instanceof Number)) {
                return value;
            }
            String id = value.toString();
            if (current instanceof Map<?, ?> shown && id.equals(String.valueOf(shown.get("id")))) {
                return current;
            }
            if (queryRouteKey == null || depth > 0) {
                return idOnly(id);
            }
            String memo = queryRouteKey + " " + id;
            if (!expanded.containsKey(memo)) {
                expanded.put(memo, lookUp(queryRouteKey, id));
            }
            Object found = expanded.get(memo);
            return found == null ? idOnly(id) : found;
        }

        private Object lookUp(String queryRouteKey, String id) {
            Route query = routes.find(queryRouteKey).orElse(null);
            if (query == null) {
                return null;
            }
            for (OverlayWrite write : writes.byIds(reader.userId(), List.of(id))) {
                for (Overlay rule : query.overlays()) {
                    if (rule.isTemporaryRecord() && rule.writes().contains(write.syncRouteKey())) {
                        return write.isUnsynced() ? pending(write, rule, 1) : write.response();
                    }
                }
            }
            String param = query.path().parameters().isEmpty() ? "id" : query.path().parameters().get(0);
            return store.peek(reader.userId(), CacheKey.of(query.key(), Map.of(param, id)), clock.instant())
                    .map(entry -> {
                        try {
                            return Json.asObject(Json.parse(entry.body()));
                        } catch (RuntimeException notJson) {
                            return null;
                        }
                    }).orElse(null);
        }
    }

    private static Map<String, Object> idOnly(String id) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", id);
        return object;
    }

    /** Marks a record as carrying the user's writes that CARE has not got yet. */
    private static void mark(Map<String, Object> record, List<OverlayWrite> laidOver) {
        Set<String> ids = new LinkedHashSet<>();
        if (record.get("offline_write_ids") instanceof List<?> earlier) {
            earlier.forEach(id -> ids.add(String.valueOf(id)));
        }
        List<WriteStatus> statuses = new ArrayList<>();
        if (record.get("offline_sync_status") instanceof String earlier) {
            statuses.add(WriteStatus.fromWireName(earlier));
        }
        laidOver.forEach(w -> {
            ids.add(w.writeId());
            statuses.add(w.status());
        });
        record.put("is_updated_offline", true);
        record.put("offline_write_ids", new ArrayList<>(ids));
        record.put("offline_sync_status", ATTENTION.stream().filter(statuses::contains).findFirst()
                .orElse(WriteStatus.PENDING).wireName());
    }

    /** Whether every matched field of the record (or request) equals the write's field. */
    static boolean matches(Overlay rule, Function<String, Object> side, OverlayWrite write) {
        for (Map.Entry<String, String> pair : rule.match().entrySet()) {
            Object want = side.apply(pair.getKey());
            Object have = writeField(write, pair.getValue());
            if (want == null || have == null || !reference(want).equals(reference(have))) {
                return false;
            }
        }
        return true;
    }

    static Object writeField(OverlayWrite write, String path) {
        if (Overlay.WRITE_ID.equals(path)) {
            return write.writeId();
        }
        String[] parts = path.split("\\.");
        Object value = switch (parts[0]) {
            case "pathParams" -> write.pathParams();
            case "queryParams" -> write.queryParams();
            case "payload" -> write.payload();
            default -> null;
        };
        for (int i = 1; i < parts.length && value != null; i++) {
            value = value instanceof Map<?, ?> map ? map.get(parts[i]) : null;
        }
        return value;
    }

    /** A value as a reference: an object by its id, anything else as text. */
    private static String reference(Object value) {
        if (value instanceof Map<?, ?> map && map.get("id") != null) {
            return map.get("id").toString();
        }
        return value.toString();
    }

    private static boolean firstPage(Map<String, String> params) {
        String offset = params.get("offset");
        return offset == null || offset.isBlank() || offset.trim().equals("0");
    }
}

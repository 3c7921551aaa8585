package network.ohc.caresync.application.sync;

import network.ohc.caresync.application.auth.CareTokenVault;
import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.route.Lookup;
import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteKind;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.domain.conflict.ThreeWayMerge;
import network.ohc.caresync.domain.write.Actor;
import network.ohc.caresync.domain.write.ReconcileInDoubt;
import network.ohc.caresync.domain.write.UpstreamExchange;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds out what became of an attempt whose answer was lost. A create is never sent again blindly (CARE would
 * make a second patient): the route's lookup searches for the record the first attempt may have made. An update
 * is applied when the record already holds its values. What cannot be found out waits for a person.
 */
public final class InDoubtReconciler {

    private static final Logger log = LoggerFactory.getLogger(InDoubtReconciler.class);
    private static final int MAX_PAGES = 10;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final RouteTable routes;
    private final Upstream upstream;
    private final CareTokenVault vault;
    private final CommandGateway commands;
    private final SyncSettings settings;
    private final Clock clock;

    public InDoubtReconciler(RouteTable routes, Upstream upstream, CareTokenVault vault, CommandGateway commands,
                             SyncSettings settings, Clock clock) {
        this.routes = routes;
        this.upstream = upstream;
        this.vault = vault;
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What the lookup found out: applied (with the record), not applied, or nothing could be learnt now; with the
     * last request that found it out (null when nothing needed to be asked).
     */
    sealed interface Finding {
        record Applied(Map<String, Object> record, UpstreamExchange lookup) implements Finding {
        }

        record NotApplied(UpstreamExchange lookup) implements Finding {
        }

        record Unknown() implements Finding {
        }
    }

    public void reconcile(WriteView write) {
        Instant now = clock.instant();
        if (write.lastAttemptAt() != null && write.lastAttemptAt().plus(settings.inDoubtDelay()).isAfter(now)) {
            return;
        }
        Route route = routes.find(write.syncRouteKey()).orElse(null);
        if (route == null) {
            return;
        }
        Optional<String> token = vault.accessTokenFor(write.userId());
        if (token.isEmpty()) {
            return;
        }
        UpstreamCall call = new UpstreamCall(upstream, vault, write.userId(), token.get());
        Finding finding;
        String method;
        if (route.kind() == RouteKind.UPDATE) {
            finding = compareWithRecord(write, route, call);
            method = "compare-record";
        } else if (settings.upstreamHonoursIdempotencyKeys()) {
            finding = new Finding.NotApplied(null);
            method = "idempotency-key";
        } else if (route.kind() == RouteKind.CREATE && route.lookup() != null) {
            finding = lookUp(write, route.lookup(), call);
            method = "lookup";
        } else {
            return;
        }
        if (finding instanceof Finding.Applied applied) {
            Map<String, Object> record = applied.record();
            log.info("write {} ({}): in-doubt attempt found applied upstream", write.writeId(), write.syncRouteKey());
            settle(write, true, Json.textField(record, "id"), record, Json.textField(record, "modified_date"), method,
                    applied.lookup());
        } else if (finding instanceof Finding.NotApplied notApplied) {
            log.info("write {} ({}): in-doubt attempt not applied upstream; it will be sent again", write.writeId(),
                    write.syncRouteKey());
            settle(write, false, null, null, null, method, notApplied.lookup());
        }
    }

    private void settle(WriteView write, boolean applied, String realId, Object record, String modified,
                        String method, UpstreamExchange lookup) {
        try {
            commands.sendAndWait(new ReconcileInDoubt(write.writeId(), write.attempt(), applied, realId, record,
                    modified, method, Actor.ENGINE, clock.instant(), lookup));
        } catch (RuntimeException e) {
            log.warn("could not settle in-doubt write {}: {}", write.writeId(), e.toString());
        }
    }

    private Finding compareWithRecord(WriteView write, Route route, UpstreamCall call) {
        Route query = write.queryRouteKey() == null ? null : routes.find(write.queryRouteKey()).orElse(null);
        String path;
        try {
            path = query != null
                    ? query.path().fill(write.queryParams() != null ? write.queryParams() : write.pathParams(), true)
                    : route.path().fill(write.pathParams(), true);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Finding.Unknown();
        }
        UpstreamRequest get = new UpstreamRequest("GET", path, Map.of(), null, null, null);
        UpstreamResult result = call.send(get);
        if (!(result instanceof UpstreamResult.Answered answered) || !answered.isSuccess()) {
            return new Finding.Unknown();
        }
        Map<String, Object> record = answered.jsonObject();
        if (record == null) {
            return new Finding.Unknown();
        }
        boolean holdsAll = write.payload().entrySet().stream()
                .allMatch(field -> matches(record.get(field.getKey()), field.getValue()));
        UpstreamExchange asked = Exchanges.of(get, result);
        return holdsAll ? new Finding.Applied(record, asked) : new Finding.NotApplied(asked);
    }

    private Finding lookUp(WriteView write, Lookup lookup, UpstreamCall call) {
        Map<String, String> query = new LinkedHashMap<>();
        for (var parameter : lookup.query().entrySet()) {
            String value = fill(parameter.getValue(), write);
            if (value == null) {
                return new Finding.Unknown();
            }
            query.put(parameter.getKey(), value);
        }
        String path;
        try {
            path = lookup.path().contains("{") ? fill(lookup.path(), write) : lookup.path();
        } catch (RuntimeException e) {
            return new Finding.Unknown();
        }
        List<Map<String, Object>> candidates = new ArrayList<>();
        UpstreamExchange asked = null;
        int offset = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> pageQuery = new LinkedHashMap<>(query);
            pageQuery.putIfAbsent("limit", "200");
            pageQuery.put("offset", String.valueOf(offset));
            UpstreamRequest get = new UpstreamRequest("GET", path, pageQuery, null, null, null);
            UpstreamResult result = call.send(get);
            if (!(result instanceof UpstreamResult.Answered answered) || !answered.isSuccess()) {
                return new Finding.Unknown();
            }
            asked = Exchanges.of(get, result);
            List<Map<String, Object>> results = resultsOf(answered.json());
            for (Map<String, Object> candidate : results) {
                if (isMatch(write, lookup, candidate)) {
                    candidates.add(candidate);
                }
            }
            Map<String, Object> body = answered.jsonObject();
            long count = body != null && body.get("count") instanceof Number n ? n.longValue() : results.size();
            offset += results.size();
            if (results.isEmpty() || offset >= count) {
                break;
            }
        }
        UpstreamExchange lastAsked = asked;
        return pick(write, candidates).<Finding>map(record -> new Finding.Applied(record, lastAsked))
                .orElse(new Finding.NotApplied(lastAsked));
    }

    private static Optional<Map<String, Object>> pick(WriteView write, List<Map<String, Object>> candidates) {
        Instant notBefore = write.lastAttemptAt() == null ? Instant.EPOCH : write.lastAttemptAt().minus(CLOCK_SKEW);
        Comparator<Map<String, Object>> newestFirst = Comparator.comparing(
                (Map<String, Object> c) -> createdAt(c).orElse(Instant.EPOCH)).reversed();
        return candidates.stream()
                .filter(c -> createdAt(c).map(t -> !t.isBefore(notBefore)).orElse(true))
                .sorted(newestFirst)
                .findFirst();
    }

    private static Optional<Instant> createdAt(Map<String, Object> candidate) {
        return candidate.get("created_date") instanceof String s ? Optional.ofNullable(Timestamps.parse(s))
                : Optional.empty();
    }

    private static boolean isMatch(WriteView write, Lookup lookup, Map<String, Object> candidate) {
        for (String field : lookup.match()) {
            if (write.payload().containsKey(field) && !matches(candidate.get(field), write.payload().get(field))) {
                return false;
            }
        }
        if (lookup.createdByUser()) {
            Object createdBy = candidate.get("created_by");
            Object id = createdBy instanceof Map<?, ?> user ? user.get("id") : createdBy;
            return write.userId().equals(id);
        }
        return true;
    }

    /** A record's value matches a sent value; a nested object matches the id it was sent as. */
    private static boolean matches(Object recordValue, Object sentValue) {
        if (recordValue instanceof Map<?, ?> nested && !(sentValue instanceof Map<?, ?>)) {
            return ThreeWayMerge.jsonEquals(nested.get("id"), sentValue);
        }
        return ThreeWayMerge.jsonEquals(recordValue, sentValue);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> resultsOf(Object body) {
        Object list = body instanceof Map<?, ?> map ? map.get("results") : body;
        List<Map<String, Object>> results = new ArrayList<>();
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m) {
                    results.add((Map<String, Object>) m);
                }
            }
        }
        return results;
    }

    /** Fills {@code {writeId}}, {@code {payload.x}}, {@code {pathParams.x}} from the write; null when a value is missing. */
    static String fill(String template, WriteView write) {
        var m = java.util.regex.Pattern.compile("\\{([A-Za-z0-9_.]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value;
            if (name.equals("writeId")) {
                value = write.writeId();
            } else if (name.startsWith("payload.")) {
                value = write.payload().get(name.substring("payload.".length()));
            } else if (name.startsWith("pathParams.") && write.pathParams() != null) {
                value = write.pathParams().get(name.substring("pathParams.".length()));
            } else {
                value = null;
            }
            if (value == null || value instanceof Map || value instanceof List) {
                return null;
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}

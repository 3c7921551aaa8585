package network.ohc.caresync.application.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.auth.CareTokenVault;
import network.ohc.caresync.application.auth.CredentialStore;
import network.ohc.caresync.application.auth.StoredCredential;
import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteKind;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.sync.Upstream;
import network.ohc.caresync.application.sync.UpstreamRequest;
import network.ohc.caresync.application.sync.UpstreamResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static network.ohc.caresync.application.cache.CacheReadRefused.Reason;

/**
 * Read-through query cache (DESIGN.md §4). While CARE answers, a read goes upstream with the user's CARE token and a
 * 2xx answer of a {@code persist} route is stored for that user; while CARE cannot be reached (the probe says so, or
 * the request is not sent, lost or answered 5xx) the user's stored copy is served with its age, never one older than
 * the route's {@code maxAge}. Either way the user's own writes that CARE has not got yet are laid over the answer.
 */
public final class QueryCache {

    private static final Logger log = LoggerFactory.getLogger(QueryCache.class);

    private final RouteTable routes;
    private final Upstream upstream;
    private final CareTokenVault vault;
    private final ConnectivityMonitor connectivity;
    private final QueryCacheStore store;
    private final OverlayWrites writes;
    private final CredentialStore credentials;
    private final CacheLimits limits;
    private final Clock clock;
    private final MeterRegistry meters;
    private final PendingOverlay overlay;

    public QueryCache(RouteTable routes, Upstream upstream, CareTokenVault vault, ConnectivityMonitor connectivity,
                      QueryCacheStore store, OverlayWrites writes, CredentialStore credentials, CacheLimits limits,
                      Clock clock, MeterRegistry meters) {
        this.routes = routes;
        this.upstream = upstream;
        this.vault = vault;
        this.connectivity = connectivity;
        this.store = store;
        this.writes = writes;
        this.credentials = credentials;
        this.limits = limits;
        this.clock = clock;
        this.meters = meters;
        this.overlay = new PendingOverlay(routes, writes, store, clock);
    }

    /** Reads a query route for the caller; {@code query} holds the path and query parameters by name. */
    public CachedRead read(Caller caller, String routeKey, Map<String, List<String>> query) {
        return read(caller, routeKey, query, true);
    }

    /**
     * Reads a query route for the caller from what care-sync holds, without asking CARE: the stored copy (within
     * its {@code maxAge}) or the caller's own writes, with the pending writes laid over. For callers that already
     * know CARE cannot be reached (the transparent mode after a request failed to connect).
     */
    public CachedRead readKept(Caller caller, String routeKey, Map<String, List<String>> query) {
        return read(caller, routeKey, query, false);
    }

    /**
     * Keeps CARE's 2xx answer to a read of a {@code persist} query route for the user, as a read through the cache
     * would ({@code params}: the route's path and query parameters by name); whether it was kept.
     */
    public boolean keep(String userId, String routeKey, Map<String, String> params, byte[] body) {
        Optional<Route> route = routes.find(routeKey).filter(r -> r.kind() == RouteKind.QUERY && r.persist());
        if (route.isEmpty() || body == null || body.length > limits.maxBytesPerUser()) {
            return false;
        }
        keep(userId, route.get(), CacheKey.of(routeKey, params), body);
        return true;
    }

    private CachedRead read(Caller caller, String routeKey, Map<String, List<String>> query, boolean askCare) {
        Route route = routes.find(routeKey).filter(r -> r.kind() == RouteKind.QUERY).orElseThrow(() ->
                new CacheReadRefused(Reason.UNKNOWN_ROUTE, "routeKey",
                        "no query route '" + routeKey + "' in the route table"));
        Map<String, String> params = singleValued(query);
        for (String name : route.path().parameters()) {
            if (params.get(name) == null || params.get(name).isBlank()) {
                throw new CacheReadRefused(Reason.INVALID_PARAMETER, name,
                        "parameter '" + name + "' is required by route " + routeKey);
            }
        }
        PendingOverlay.Reader reader = readerOf(caller);
        Map<String, OverlayWrite> temporary = new LinkedHashMap<>();
        Map<String, OverlayWrite> synced = new LinkedHashMap<>();
        params = withRealIds(caller.userId(), params, temporary, synced);
        CachedRead read;
        if (!temporary.isEmpty()) {
            read = local(reader, route, params, temporary);
        } else {
            try {
                read = askCare ? fetch(caller.userId(), route, params)
                        : stored(caller.userId(), route, CacheKey.of(route.key(), params), "CARE cannot be reached");
            } catch (CacheReadRefused refused) {
                if (refused.reason() != Reason.NOT_AVAILABLE_OFFLINE) {
                    throw refused;
                }
                read = syncedRecord(reader, route, synced).orElseThrow(() -> refused);
            }
        }
        read = overlaid(reader, route, params, read);
        count(route, read.source());
        return read;
    }

    /** Removes the entries of every user that have expired; how many. */
    public int removeExpired() {
        int removed = store.deleteExpired(clock.instant());
        if (removed > 0) {
            log.info("removed {} expired query cache entries", removed);
        }
        return removed;
    }

    /**
     * Replaces temporary ids (write ids) by the real ids of the user's writes that synced; notes those of writes
     * that did not, whose records exist only here.
     */
    private Map<String, String> withRealIds(String userId, Map<String, String> params,
                                            Map<String, OverlayWrite> temporary, Map<String, OverlayWrite> synced) {
        Map<String, String> resolved = new LinkedHashMap<>(params);
        List<OverlayWrite> named = writes.byIds(userId, params.values());
        for (Map.Entry<String, String> param : params.entrySet()) {
            for (OverlayWrite write : named) {
                if (!write.writeId().equals(param.getValue())) {
                    continue;
                }
                if (!write.isUnsynced() && write.realId() != null) {
                    resolved.put(param.getKey(), write.realId());
                    synced.put(param.getKey(), write);
                } else {
                    temporary.put(param.getKey(), write);
                }
            }
        }
        return resolved;
    }

    /**
     * A read naming a record that exists only as the user's pending write: the pending record itself, or, for a
     * list, no records from CARE (CARE knows no such id) and the user's pending ones.
     */
    private CachedRead local(PendingOverlay.Reader reader, Route route, Map<String, String> params,
                             Map<String, OverlayWrite> temporary) {
        for (Map.Entry<String, OverlayWrite> named : temporary.entrySet()) {
            Optional<Map<String, Object>> record = overlay.temporaryRecord(reader, route, named.getKey(),
                    named.getValue());
            if (record.isPresent()) {
                return new CachedRead(200, Json.bytes(record.get()), CachedRead.Source.LOCAL, null, null);
            }
        }
        Map.Entry<String, OverlayWrite> first = temporary.entrySet().iterator().next();
        if (route.path().parameters().contains(first.getKey())) {
            throw new CacheReadRefused(Reason.NOT_FOUND, first.getKey(), "'" + first.getValue().writeId()
                    + "' is a write of yours (" + first.getValue().status().wireName() + ") that route "
                    + route.key() + " does not show as a record");
        }
        Map<String, Object> empty = new LinkedHashMap<>();
        empty.put("count", 0);
        empty.put("results", List.of());
        Object answer = overlay.apply(reader, route, params, empty, null).orElse(empty);
        return new CachedRead(200, Json.bytes(answer), CachedRead.Source.LOCAL, null, null);
    }

    /**
     * A record the user created here, synced but never read from CARE since, asked for by its temporary id while
     * CARE cannot be reached: CARE's answer to the create.
     */
    private Optional<CachedRead> syncedRecord(PendingOverlay.Reader reader, Route route,
                                              Map<String, OverlayWrite> synced) {
        for (Map.Entry<String, OverlayWrite> named : synced.entrySet()) {
            if (route.path().parameters().contains(named.getKey())) {
                Optional<Map<String, Object>> record = overlay.temporaryRecord(reader, route, named.getKey(),
                        named.getValue());
                if (record.isPresent()) {
                    return Optional.of(new CachedRead(200, Json.bytes(record.get()), CachedRead.Source.LOCAL, null,
                            null));
                }
            }
        }
        return Optional.empty();
    }

    private CachedRead fetch(String userId, Route route, Map<String, String> params) {
        CacheKey key = CacheKey.of(route.key(), params);
        String why = "CARE cannot be reached";
        if (connectivity.state() != ConnectivityMonitor.State.OFFLINE) {
            Optional<String> token = vault.accessTokenFor(userId);
            if (token.isEmpty() && vault.needsSignIn(userId)) {
                throw signInRequired();
            }
            if (token.isPresent()) {
                UpstreamResult result = send(userId, token.get(), request(route, params));
                if (result instanceof UpstreamResult.Answered answered) {
                    if (answered.isTokenNotValid()) {
                        throw signInRequired();
                    }
                    if (answered.isSuccess()) {
                        keep(userId, route, key, answered.body());
                        return new CachedRead(answered.status(), answered.body(), CachedRead.Source.UPSTREAM, null,
                                null);
                    }
                    if (answered.status() < 500) {
                        return new CachedRead(answered.status(), answered.body(), CachedRead.Source.UPSTREAM, null,
                                null);
                    }
                    why = "CARE answered " + answered.status();
                } else if (result instanceof UpstreamResult.NotSent) {
                    connectivity.reportUnreachable();
                }
            }
        }
        return stored(userId, route, key, why);
    }

    private CachedRead stored(String userId, Route route, CacheKey key, String why) {
        Instant now = clock.instant();
        if (!route.persist()) {
            throw new CacheReadRefused(Reason.NOT_AVAILABLE_OFFLINE, "routeKey",
                    "not available offline: route " + route.key() + " is not kept by the cache (" + why + ")");
        }
        Optional<CachedEntry> entry = store.use(userId, key, now)
                .filter(e -> e.fetchedAt().plus(maxAge(route)).isAfter(now));
        if (entry.isEmpty()) {
            throw new CacheReadRefused(Reason.NOT_AVAILABLE_OFFLINE, "routeKey",
                    "not available offline: never fetched online, or the copy is older than " + maxAge(route)
                            + " (" + why + ")");
        }
        return new CachedRead(200, entry.get().body(), CachedRead.Source.CACHE, entry.get().fetchedAt(),
                Duration.between(entry.get().fetchedAt(), now));
    }

    private void keep(String userId, Route route, CacheKey key, byte[] body) {
        if (!route.persist() || body == null) {
            return;
        }
        if (body.length > limits.maxBytesPerUser()) {
            log.info("an answer of route {} ({} bytes) is larger than a user's cache; not kept", route.key(),
                    body.length);
            return;
        }
        Instant now = clock.instant();
        store.put(userId, key, body, now, now.plus(maxAge(route)));
        int evicted = store.evict(userId, limits.maxBytesPerUser(), limits.maxBytesTotal());
        if (evicted > 0) {
            log.debug("evicted {} least recently used cache entries", evicted);
        }
    }

    /** Laid over 2xx answers only: an error of CARE's is passed on as it is. */
    private CachedRead overlaid(PendingOverlay.Reader reader, Route route, Map<String, String> params,
                                CachedRead read) {
        if (read.status() < 200 || read.status() > 299 || read.source() == CachedRead.Source.LOCAL) {
            return read;
        }
        Object answer;
        try {
            answer = Json.parse(read.body());
        } catch (RuntimeException notJson) {
            return read;
        }
        return overlay.apply(reader, route, params, answer, read.fetchedAt())
                .map(body -> new CachedRead(read.status(), Json.bytes(body), read.source(), read.fetchedAt(),
                        read.age()))
                .orElse(read);
    }

    private UpstreamResult send(String userId, String token, UpstreamRequest request) {
        UpstreamResult result = upstream.send(request.withToken(token));
        if (result instanceof UpstreamResult.Answered answered && answered.isTokenNotValid()) {
            Optional<String> refreshed = vault.refreshAfterRejection(userId, token);
            if (refreshed.isPresent()) {
                result = upstream.send(request.withToken(refreshed.get()));
            }
        }
        return result;
    }

    private static UpstreamRequest request(Route route, Map<String, String> params) {
        String path = route.path().fill(params, true);
        Map<String, String> query = new LinkedHashMap<>(params);
        route.path().parameters().forEach(query::remove);
        return new UpstreamRequest("GET", path, query, null, null, null);
    }

    private Duration maxAge(Route route) {
        return route.maxAge() != null ? route.maxAge() : limits.defaultMaxAge();
    }

    private PendingOverlay.Reader readerOf(Caller caller) {
        Map<String, Object> creator = new LinkedHashMap<>();
        creator.put("id", caller.userId());
        creator.put("username", caller.username());
        Optional<StoredCredential> known = credentials.find(caller.userId());
        creator.put("first_name", known.map(StoredCredential::firstName).orElse(null));
        creator.put("last_name", known.map(StoredCredential::lastName).orElse(null));
        return new PendingOverlay.Reader(caller.userId(), creator);
    }

    private static Map<String, String> singleValued(Map<String, List<String>> query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null) {
            return params;
        }
        query.forEach((name, values) -> {
            if (values != null && values.size() > 1) {
                throw new CacheReadRefused(Reason.INVALID_PARAMETER, name,
                        "parameter '" + name + "' is given more than once");
            }
            params.put(name, values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0));
        });
        return params;
    }

    private static CacheReadRefused signInRequired() {
        return new CacheReadRefused(Reason.SIGN_IN_REQUIRED, null,
                "CARE needs you to sign in again (POST /api/v1/auth/login) before care-sync can fetch fresh data; "
                        + "while CARE is unreachable your cached data is still served");
    }

    private void count(Route route, CachedRead.Source source) {
        Counter.builder("care_sync_cache_reads").description("Cached reads by route and where the answer came from")
                .tag("route", route.key()).tag("source", source.wireName()).register(meters).increment();
    }
}

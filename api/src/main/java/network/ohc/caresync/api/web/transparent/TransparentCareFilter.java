package network.ohc.caresync.api.web.transparent;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import network.ohc.caresync.api.security.CommandCauses;
import network.ohc.caresync.api.web.transparent.CareRelaying.CacheSlot;
import network.ohc.caresync.api.web.transparent.CareRelaying.Passage;
import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.auth.CareTokenVault;
import network.ohc.caresync.application.cache.QueryCache;
import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.json.StorableText;
import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.transparent.CareAnswer;
import network.ohc.caresync.application.transparent.CareCallers;
import network.ohc.caresync.application.transparent.OfflineCare;
import network.ohc.caresync.application.transparent.TransparentSignIn;
import network.ohc.caresync.infrastructure.upstream.HttpCareRelay;
import network.ohc.caresync.infrastructure.upstream.HttpCareRelay.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The transparent CARE API mode: CARE's own API, served under a prefix (and optionally on a port of its own), so the
 * unmodified CARE web app works through an outage once its API address points at care-sync.
 * <ul>
 * <li>While CARE is reachable every request passes through unchanged and streamed ({@link CareRelaying}).</li>
 * <li>While it is not (the probe says so, or the request could not connect), care-sync answers in CARE's place:
 * reads from the user's cache, mutations of the route table as offline writes, sign-in against the kept hash.</li>
 * <li>A request whose answer was lost after it was sent is not queued (CARE may have applied it): 504.</li>
 * <li>A request naming a temporary id ({@code offline-<uuid>}) is never sent to CARE: care-sync answers it.</li>
 * </ul>
 * Only methods, route keys, request and write ids are logged, never paths with their ids or bodies.
 */
public class TransparentCareFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(TransparentCareFilter.class);
    private static final int MAX_AUTH_BODY = 64 * 1024;
    private static final String LOST = "CARE did not answer: the request may or may not have been applied, so "
            + "care-sync did not keep it. Check whether it took effect before trying again.";
    private static final String NOT_SYNCED_YET = "Not available until the records made offline reach CARE";

    private final TransparentProperties properties;
    private final Set<String> allowedOrigins;
    private final CareRelaying relaying;
    private final ConnectivityMonitor connectivity;
    private final CareCallers callers;
    private final OfflineCare offline;
    private final TransparentSignIn signIn;
    private final CareTokenVault vault;
    private final RouteTable routes;

    public TransparentCareFilter(TransparentProperties properties, HttpCareRelay relay,
                                 ConnectivityMonitor connectivity, CareCallers callers, OfflineCare offline,
                                 TransparentSignIn signIn, CareTokenVault vault, QueryCache cache, RouteTable routes,
                                 long maxCachedBytes) {
        properties.normalizedPrefix(); // refuses an empty prefix at start
        this.properties = properties;
        this.allowedOrigins = Set.copyOf(properties.getAllowedOrigins());
        this.relaying = new CareRelaying(relay, callers, cache, maxCachedBytes);
        this.connectivity = connectivity;
        this.callers = callers;
        this.offline = offline;
        this.signIn = signIn;
        this.vault = vault;
        this.routes = routes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = carePath(request);
        if (path == null) {
            chain.doFilter(request, response);
            return;
        }
        CareExchange exchange;
        try {
            exchange = new CareExchange(request, response, path, allowedOrigins);
        } catch (IllegalArgumentException unusable) {
            // in CARE's shape: an error page of the servlet container would be neither CARE's nor care-sync's
            CareRefusals.write(response, 400, "Bad request: " + unusable.getMessage());
            return;
        }
        try {
            handle(exchange);
        } catch (IllegalArgumentException unusable) {
            if (!response.isCommitted()) {
                exchange.answer(CareAnswer.detail(400, "Bad request: " + unusable.getMessage()));
            }
        } catch (RuntimeException failed) {
            log.error("transparent mode: {} request {} failed", exchange.method(), exchange.requestId(), failed);
            if (!response.isCommitted()) {
                exchange.answer(CareAnswer.detail(500, "care-sync could not handle this request"));
            }
        }
    }

    private void handle(CareExchange exchange) throws IOException {
        boolean online = connectivity.state() != ConnectivityMonitor.State.OFFLINE;
        if ("OPTIONS".equals(exchange.method())) {
            preflight(exchange, online);
            return;
        }
        if ("POST".equals(exchange.method())) {
            switch (exchange.path()) {
                case TransparentSignIn.LOGIN -> {
                    login(exchange, online);
                    return;
                }
                case TransparentSignIn.REFRESH -> {
                    refresh(exchange, online);
                    return;
                }
                case TransparentSignIn.LOGOUT -> {
                    logout(exchange, online);
                    return;
                }
                default -> {
                }
            }
        }
        boolean routed = !exchange.isRead() && routes.matchMutation(exchange.method(), exchange.path()).isPresent();
        byte[] body = null;
        if (routed) {
            // read first: should CARE be unreachable, this body becomes an offline write
            body = exchange.readBody(Integer.MAX_VALUE - 16L);
            if (body == null) {
                return;
            }
        }
        if (OfflineCare.mentionsTemporaryId(exchange.pathAndQuery())
                || (body != null && OfflineCare.mentionsTemporaryId(new String(body, StandardCharsets.UTF_8)))) {
            // CARE cannot know a temporary id; care-sync answers (asking CARE itself where the id has a real one)
            local(exchange, routed, body, online);
            return;
        }
        if (online) {
            Passage passage = passage(exchange);
            if (passage == null) {
                return;
            }
            Outcome outcome = relaying.send(exchange, body, passage);
            if (outcome instanceof Outcome.Answered answered) {
                relaying.stream(exchange, answered, passage);
                return;
            }
            if (outcome instanceof Outcome.NotSent notSent) {
                connectivity.reportUnreachable();
                log.info("transparent mode: CARE could not be reached ({}); {} request {} answered here",
                        notSent.reason(), exchange.method(), exchange.requestId());
            } else if (!exchange.isRead()) {
                log.warn("transparent mode: the answer to {} request {} was lost; not kept", exchange.method(),
                        exchange.requestId());
                exchange.answer(CareAnswer.detail(504, LOST));
                return;
            }
        }
        local(exchange, routed, body, false);
    }

    /** Answered by care-sync: reads from the cache, routed mutations as offline writes, nothing else. */
    private void local(CareExchange exchange, boolean routed, byte[] body, boolean askCare) throws IOException {
        boolean temporary = OfflineCare.mentionsTemporaryId(exchange.pathAndQuery());
        boolean answerable = exchange.isRead() ? routes.matchQuery(exchange.path()).isPresent() : routed;
        if (!answerable) {
            exchange.answer(temporary ? CareAnswer.detail(503, NOT_SYNCED_YET) : CareAnswer.notAvailableOffline());
            return;
        }
        Optional<Caller> caller = callers.verify(exchange.token(), exchange.deviceId());
        String unstorable = exchange.isRead() ? null : unstorableField(body);
        if (caller.isEmpty()) {
            exchange.answer(exchange.refused());
        } else if (unstorable != null) {
            // kept, it could not be projected, and the write views of every user would stop behind it
            exchange.answer(CareAnswer.errors(400, "string_type", List.of(unstorable), List.of(StorableText.PROBLEM)));
        } else if (exchange.isRead()) {
            exchange.answer(offline.read(caller.get(), exchange.path(), exchange.query(), askCare));
        } else {
            exchange.answer(CommandCauses.as(caller.get(), exchange.requestId(),
                    () -> offline.write(caller.get(), exchange.method(), exchange.path(), body)));
        }
    }

    /**
     * The token a request carries to CARE: its own, or, for a token care-sync issued while CARE was unreachable, the
     * user's CARE token from the vault (the app keeps working when CARE comes back). Null when answered already.
     */
    private Passage passage(CareExchange exchange) throws IOException {
        CacheSlot slot = "GET".equals(exchange.method()) ? cacheSlot(exchange) : null;
        if (callers.issuedHere(exchange.token()).isEmpty()) {
            return new Passage(exchange.token(), null, false, slot);
        }
        // a token of a session that ended (signed out) proves nobody, here or at CARE
        Optional<Caller> caller = callers.verify(exchange.token(), exchange.deviceId());
        Optional<String> careToken = caller.flatMap(c -> vault.accessTokenFor(c.userId()));
        if (careToken.isEmpty()) {
            exchange.answer(CareAnswer.tokenNotValid());
            return null;
        }
        return new Passage(careToken.get(), caller.get(), true, slot);
    }

    private CacheSlot cacheSlot(CareExchange exchange) {
        Optional<Route> route = routes.matchQuery(exchange.path()).filter(Route::persist);
        if (route.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> param : exchange.query().entrySet()) {
            if (param.getValue().size() != 1) {
                return null;
            }
            params.put(param.getKey(), param.getValue().get(0));
        }
        params.putAll(route.get().path().match(exchange.path()).orElseThrow());
        return new CacheSlot(route.get().key(), params);
    }

    private void login(CareExchange exchange, boolean online) throws IOException {
        byte[] body = exchange.readBody(MAX_AUTH_BODY);
        if (body == null) {
            return;
        }
        if (online) {
            Outcome outcome = relaying.send(exchange, body, Passage.asSent(exchange));
            if (outcome instanceof Outcome.Answered answered) {
                byte[] answer = CareRelaying.readAll(answered.body());
                if (answered.status() >= 200 && answered.status() < 300) {
                    try {
                        signIn.signedInAtCare(body, answer);
                    } catch (RuntimeException e) {
                        log.warn("transparent mode: noting a sign-in that CARE accepted failed", e);
                    }
                }
                exchange.relayAnswer(answered, answer);
                return;
            }
            unreachable(outcome);
        }
        String unstorable = unstorableField(body);
        if (unstorable != null) {
            // no user has such a name, and looking it up would fail in PostgreSQL
            exchange.answer(CareAnswer.json(400, Map.of(unstorable, List.of(StorableText.PROBLEM))));
            return;
        }
        exchange.answer(signIn.signInHere(body));
    }

    /** The first field of a JSON body holding text PostgreSQL cannot store, or null (also for a body not JSON). */
    private static String unstorableField(byte[] body) {
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (RuntimeException notJson) {
            return null;
        }
        String field = StorableText.firstUnstorable(parsed, "");
        return field == null || !field.isEmpty() ? field : "non_field_errors";
    }

    private void refresh(CareExchange exchange, boolean online) throws IOException {
        byte[] body = exchange.readBody(MAX_AUTH_BODY);
        if (body == null) {
            return;
        }
        Optional<CareAnswer> here = signIn.refreshHere(body, online);
        if (here.isPresent()) {
            exchange.answer(here.get());
            return;
        }
        Outcome outcome = relaying.send(exchange, body, Passage.asSent(exchange));
        if (outcome instanceof Outcome.Answered answered) {
            byte[] answer = CareRelaying.readAll(answered.body());
            if (answered.status() >= 200 && answered.status() < 300) {
                signIn.refreshedAtCare(answer);
            } else if (answered.status() == 401) {
                signIn.refreshRefusedAtCare(body);
            }
            exchange.relayAnswer(answered, answer);
            return;
        }
        unreachable(outcome);
        exchange.answer(signIn.refreshHere(body, false).orElseThrow());
    }

    private void logout(CareExchange exchange, boolean online) throws IOException {
        byte[] body = exchange.readBody(MAX_AUTH_BODY);
        if (body == null) {
            return;
        }
        boolean ours = callers.issuedHere(exchange.token()).isPresent();
        signIn.signedOut(exchange.token(), body);
        if (online && !ours) {
            Outcome outcome = relaying.send(exchange, body, Passage.asSent(exchange));
            if (outcome instanceof Outcome.Answered answered) {
                exchange.relayAnswer(answered, CareRelaying.readAll(answered.body()));
                return;
            }
            unreachable(outcome);
        }
        exchange.answer(CareAnswer.json(200, Map.of()));
    }

    private void preflight(CareExchange exchange, boolean online) throws IOException {
        if (online) {
            Outcome outcome = relaying.send(exchange, null, Passage.asSent(exchange));
            if (outcome instanceof Outcome.Answered answered) {
                exchange.relayAnswer(answered, CareRelaying.readAll(answered.body()));
                return;
            }
            unreachable(outcome);
        }
        exchange.answerPreflight();
    }

    private void unreachable(Outcome outcome) {
        if (outcome instanceof Outcome.NotSent) {
            connectivity.reportUnreachable();
        }
    }

    /** CARE's path of a request to care-sync, or null when the request is not one for CARE. */
    private String carePath(HttpServletRequest request) {
        return properties.carePath(request.getRequestURI().substring(request.getContextPath().length()),
                request.getLocalPort());
    }
}

package network.ohc.caresync.api.web.transparent;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import network.ohc.caresync.api.security.CommandCauses;
import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.auth.CareTokenVault;
import network.ohc.caresync.application.cache.QueryCache;
import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.transparent.CareAnswer;
import network.ohc.caresync.application.transparent.CareCallers;
import network.ohc.caresync.application.transparent.CareJwt;
import network.ohc.caresync.application.transparent.OfflineCare;
import network.ohc.caresync.application.transparent.TransparentSignIn;
import network.ohc.caresync.infrastructure.upstream.HttpCareRelay;
import network.ohc.caresync.infrastructure.upstream.HttpCareRelay.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The transparent CARE API mode: CARE's own API, served under a prefix (and optionally on a port of its own), so the
 * unmodified CARE web app works through an outage once its API address points at care-sync.
 * <ul>
 * <li>While CARE is reachable every request passes through unchanged and streamed; 2xx answers of {@code persist}
 * query routes are kept in the user's query cache on the way back, and sign-ins and refreshes are noted.</li>
 * <li>While it is not (the probe says so, or the request could not connect), care-sync answers in CARE's place:
 * reads from the user's cache, mutations of the route table as offline writes, sign-in against the kept hash.</li>
 * <li>A request whose answer was lost after it was sent is not queued (CARE may have applied it): 504.</li>
 * <li>A request naming a temporary id ({@code offline-<uuid>}) is never sent to CARE: care-sync answers it.</li>
 * </ul>
 * Only methods, route keys and write ids are logged, never paths with their ids or bodies.
 */
public class TransparentCareFilter extends OncePerRequestFilter {

    static final String DEVICE_HEADER = "X-Device-Id";
    private static final Logger log = LoggerFactory.getLogger(TransparentCareFilter.class);
    private static final int MAX_AUTH_BODY = 64 * 1024;
    private static final String LOST = "CARE did not answer: the request may or may not have been applied, so "
            + "care-sync did not keep it. Check whether it took effect before trying again.";
    private static final String NOT_SYNCED_YET = "Not available until the records made offline reach CARE";
    private static final String EXPOSED = String.join(", ", CareAnswer.SOURCE, CareAnswer.WRITE_ID, "Age",
            "X-Care-Sync-Fetched-At");

    private final String prefix;
    private final Integer port;
    private final Set<String> allowedOrigins;
    private final HttpCareRelay relay;
    private final ConnectivityMonitor connectivity;
    private final CareCallers callers;
    private final OfflineCare offline;
    private final TransparentSignIn signIn;
    private final CareTokenVault vault;
    private final QueryCache cache;
    private final RouteTable routes;
    private final long maxCachedBytes;

    public TransparentCareFilter(TransparentProperties properties, HttpCareRelay relay,
                                 ConnectivityMonitor connectivity, CareCallers callers, OfflineCare offline,
                                 TransparentSignIn signIn, CareTokenVault vault, QueryCache cache, RouteTable routes,
                                 long maxCachedBytes) {
        this.prefix = properties.normalizedPrefix();
        this.port = properties.getPort();
        this.allowedOrigins = Set.copyOf(properties.getAllowedOrigins());
        this.relay = relay;
        this.connectivity = connectivity;
        this.callers = callers;
        this.offline = offline;
        this.signIn = signIn;
        this.vault = vault;
        this.cache = cache;
        this.routes = routes;
        this.maxCachedBytes = maxCachedBytes;
    }

    /** One request of the web app: CARE's path (prefix taken off) and query as received, its token and device. */
    private record Call(HttpServletRequest request, HttpServletResponse response, String method, String path,
                        String rawQuery, Map<String, List<String>> query, String token, String deviceId,
                        String requestId) {

        boolean isRead() {
            return "GET".equals(method) || "HEAD".equals(method);
        }

        String pathAndQuery() {
            return path + (rawQuery == null ? "" : "?" + rawQuery);
        }
    }

    /** How a request goes to CARE: the token it carries there, and where its answer is kept. */
    private record Passage(String token, Caller caller, boolean issuedHere, CacheSlot slot) {
    }

    /** A read whose 2xx answer the query cache keeps: its route and parameters. */
    private record CacheSlot(String routeKey, Map<String, String> params) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = carePath(request);
        if (path == null) {
            chain.doFilter(request, response);
            return;
        }
        String rawQuery = request.getQueryString();
        Call call = new Call(request, response, request.getMethod().toUpperCase(Locale.ROOT), path, rawQuery,
                parseQuery(rawQuery), bearer(request), request.getHeader(DEVICE_HEADER), UUID.randomUUID().toString());
        try {
            handle(call);
        } catch (IllegalArgumentException unusable) {
            if (!response.isCommitted()) {
                answer(call, CareAnswer.detail(400, "Bad request: " + unusable.getMessage()));
            }
        } catch (RuntimeException failed) {
            log.error("transparent mode: {} request {} failed", call.method(), call.requestId(), failed);
            if (!response.isCommitted()) {
                answer(call, CareAnswer.detail(500, "care-sync could not handle this request"));
            }
        }
    }

    private void handle(Call call) throws IOException {
        boolean online = connectivity.state() != ConnectivityMonitor.State.OFFLINE;
        if ("OPTIONS".equals(call.method())) {
            preflight(call, online);
            return;
        }
        if ("POST".equals(call.method())) {
            switch (call.path()) {
                case TransparentSignIn.LOGIN -> {
                    login(call, online);
                    return;
                }
                case TransparentSignIn.REFRESH -> {
                    refresh(call, online);
                    return;
                }
                case TransparentSignIn.LOGOUT -> {
                    logout(call, online);
                    return;
                }
                default -> {
                }
            }
        }
        boolean routed = !call.isRead() && routes.matchMutation(call.method(), call.path()).isPresent();
        byte[] body = null;
        if (routed) {
            body = readBody(call, Integer.MAX_VALUE - 16L);
            if (body == null) {
                return;
            }
        }
        if (OfflineCare.mentionsTemporaryId(call.path()) || OfflineCare.mentionsTemporaryId(call.rawQuery())
                || (body != null && OfflineCare.mentionsTemporaryId(new String(body, StandardCharsets.UTF_8)))) {
            // CARE cannot know a temporary id; care-sync answers (asking CARE itself where the id has a real one)
            local(call, routed, body, online);
            return;
        }
        if (online) {
            Passage passage = passage(call);
            if (passage == null) {
                return;
            }
            Outcome outcome = relay.send(relayed(call, body, passage));
            if (outcome instanceof Outcome.Answered answered) {
                stream(call, answered, passage);
                return;
            }
            if (outcome instanceof Outcome.NotSent notSent) {
                connectivity.reportUnreachable();
                log.info("transparent mode: CARE could not be reached ({}); {} request {} answered here",
                        notSent.reason(), call.method(), call.requestId());
            } else if (!call.isRead()) {
                log.warn("transparent mode: the answer to {} request {} was lost; not kept", call.method(),
                        call.requestId());
                answer(call, CareAnswer.detail(504, LOST));
                return;
            }
        }
        local(call, routed, body, false);
    }

    /** Answered by care-sync: reads from the cache, routed mutations as offline writes, nothing else. */
    private void local(Call call, boolean routed, byte[] body, boolean askCare) throws IOException {
        boolean temporary = OfflineCare.mentionsTemporaryId(call.pathAndQuery());
        if (call.isRead()) {
            if (routes.matchQuery(call.path()).isEmpty()) {
                answer(call, temporary ? CareAnswer.detail(503, NOT_SYNCED_YET) : CareAnswer.notAvailableOffline());
                return;
            }
            Optional<Caller> caller = callers.verify(call.token(), call.deviceId());
            answer(call, caller.isEmpty() ? refused(call)
                    : offline.read(caller.get(), call.path(), call.query(), askCare));
            return;
        }
        if (!routed) {
            answer(call, temporary ? CareAnswer.detail(503, NOT_SYNCED_YET) : CareAnswer.notAvailableOffline());
            return;
        }
        Optional<Caller> caller = callers.verify(call.token(), call.deviceId());
        if (caller.isEmpty()) {
            answer(call, refused(call));
            return;
        }
        answer(call, CommandCauses.as(caller.get(), call.requestId(),
                () -> offline.write(caller.get(), call.method(), call.path(), body)));
    }

    /**
     * The token a request carries to CARE: its own, or, for a token care-sync issued while CARE was unreachable, the
     * user's CARE token from the vault (the app keeps working when CARE comes back). Null when answered already.
     */
    private Passage passage(Call call) throws IOException {
        CacheSlot slot = "GET".equals(call.method()) ? cacheSlot(call) : null;
        Optional<String> own = callers.issuedHere(call.token());
        if (own.isEmpty()) {
            return new Passage(call.token(), null, false, slot);
        }
        Optional<Caller> caller = callers.callerOf(own.get(), call.deviceId());
        Optional<String> careToken = caller.flatMap(c -> vault.accessTokenFor(c.userId()));
        if (careToken.isEmpty()) {
            answer(call, CareAnswer.tokenNotValid());
            return null;
        }
        return new Passage(careToken.get(), caller.get(), true, slot);
    }

    private CacheSlot cacheSlot(Call call) {
        Optional<Route> route = routes.matchQuery(call.path()).filter(Route::persist);
        if (route.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> param : call.query().entrySet()) {
            if (param.getValue().size() != 1) {
                return null;
            }
            params.put(param.getKey(), param.getValue().get(0));
        }
        params.putAll(route.get().path().match(call.path()).orElseThrow());
        return new CacheSlot(route.get().key(), params);
    }

    private HttpCareRelay.Relayed relayed(Call call, byte[] body, Passage passage) {
        HttpServletRequest request = call.request();
        Set<String> connectionScoped = connectionScoped(request);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (connectionScoped.contains(lower) || (lower.equals("authorization") && passage.issuedHere())
                    || (lower.equals("accept-encoding") && passage.slot() != null)) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            }
        }
        if (passage.issuedHere()) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>("Authorization", "Bearer " + passage.token()));
        }
        if (body != null) {
            return new HttpCareRelay.Relayed(call.method(), call.pathAndQuery(), headers, body, null, body.length);
        }
        long length = request.getContentLengthLong();
        boolean hasBody = length > 0 || (length < 0 && request.getHeader("Transfer-Encoding") != null);
        if (!hasBody) {
            return new HttpCareRelay.Relayed(call.method(), call.pathAndQuery(), headers, null, null, 0);
        }
        try {
            return new HttpCareRelay.Relayed(call.method(), call.pathAndQuery(), headers, null,
                    request.getInputStream(), length);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body cannot be read", e);
        }
    }

    /** CARE's answer, streamed back as it came; a 2xx answer of a persist route is kept for the user on the way. */
    private void stream(Call call, Outcome.Answered answered, Passage passage) throws IOException {
        HttpServletResponse response = call.response();
        response.setStatus(answered.status());
        copyHeaders(answered.headers(), response);
        boolean success = answered.status() >= 200 && answered.status() < 300;
        ByteArrayOutputStream copy = success && passage.slot() != null && identity(answered.headers())
                ? new ByteArrayOutputStream() : null;
        try (InputStream in = answered.body()) {
            if (!"HEAD".equals(call.method())) {
                OutputStream out = response.getOutputStream();
                byte[] buffer = new byte[16 * 1024];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    out.write(buffer, 0, n);
                    if (copy != null) {
                        if (copy.size() + n > maxCachedBytes) {
                            copy = null;
                        } else {
                            copy.write(buffer, 0, n);
                        }
                    }
                }
                out.flush();
            }
        }
        if (!success) {
            return;
        }
        if (!passage.issuedHere()) {
            callers.acceptedByCare(call.token());
        }
        if (copy != null) {
            // CARE accepted the token, so the user it names is who asked
            String userId = passage.caller() != null ? passage.caller().userId()
                    : CareJwt.read(call.token()).map(CareJwt::userId).orElse(null);
            if (userId != null) {
                cache.keep(userId, passage.slot().routeKey(), passage.slot().params(), copy.toByteArray());
            }
        }
    }

    private void login(Call call, boolean online) throws IOException {
        byte[] body = readBody(call, MAX_AUTH_BODY);
        if (body == null) {
            return;
        }
        if (online) {
            Outcome outcome = relay.send(relayed(call, body, new Passage(call.token(), null, false, null)));
            if (outcome instanceof Outcome.Answered answered) {
                byte[] answer = readAll(answered.body());
                if (answered.status() >= 200 && answered.status() < 300) {
                    try {
                        signIn.signedInAtCare(body, answer);
                    } catch (RuntimeException e) {
                        log.warn("transparent mode: noting a sign-in that CARE accepted failed", e);
                    }
                }
                relayAnswer(call, answered, answer);
                return;
            }
            unreachable(outcome);
        }
        answer(call, signIn.signInHere(body));
    }

    private void refresh(Call call, boolean online) throws IOException {
        byte[] body = readBody(call, MAX_AUTH_BODY);
        if (body == null) {
            return;
        }
        Optional<CareAnswer> here = signIn.refreshHere(body, online);
        if (here.isPresent()) {
            answer(call, here.get());
            return;
        }
        Outcome outcome = relay.send(relayed(call, body, new Passage(call.token(), null, false, null)));
        if (outcome instanceof Outcome.Answered answered) {
            byte[] answer = readAll(answered.body());
            if (answered.status() >= 200 && answered.status() < 300) {
                signIn.refreshedAtCare(answer);
            }
            relayAnswer(call, answered, answer);
            return;
        }
        unreachable(outcome);
        answer(call, signIn.refreshHere(body, false).orElseThrow());
    }

    private void logout(Call call, boolean online) throws IOException {
        byte[] body = readBody(call, MAX_AUTH_BODY);
        if (body == null) {
            return;
        }
        boolean ours = callers.issuedHere(call.token()).isPresent();
        signIn.signedOut(call.token(), body);
        if (online && !ours) {
            Outcome outcome = relay.send(relayed(call, body, new Passage(call.token(), null, false, null)));
            if (outcome instanceof Outcome.Answered answered) {
                relayAnswer(call, answered, readAll(answered.body()));
                return;
            }
            unreachable(outcome);
        }
        answer(call, CareAnswer.json(200, Map.of()));
    }

    private void preflight(Call call, boolean online) throws IOException {
        if (online) {
            Outcome outcome = relay.send(relayed(call, null, new Passage(call.token(), null, false, null)));
            if (outcome instanceof Outcome.Answered answered) {
                relayAnswer(call, answered, readAll(answered.body()));
                return;
            }
            unreachable(outcome);
        }
        HttpServletResponse response = call.response();
        response.setStatus(200);
        cors(call);
        String origin = call.request().getHeader("Origin");
        if (origin != null && allowed(origin)) {
            response.setHeader("Access-Control-Allow-Methods", "DELETE, GET, OPTIONS, PATCH, POST, PUT");
            String asked = call.request().getHeader("Access-Control-Request-Headers");
            response.setHeader("Access-Control-Allow-Headers", asked != null ? asked
                    : "accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with");
            response.setHeader("Access-Control-Max-Age", "600");
        }
        response.setHeader("Allow", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
        response.setContentLength(0);
    }

    private void unreachable(Outcome outcome) {
        if (outcome instanceof Outcome.NotSent) {
            connectivity.reportUnreachable();
        }
    }

    private void relayAnswer(Call call, Outcome.Answered answered, byte[] body) throws IOException {
        HttpServletResponse response = call.response();
        response.setStatus(answered.status());
        copyHeaders(answered.headers(), response);
        if (!"HEAD".equals(call.method())) {
            response.getOutputStream().write(body);
        }
    }

    private void answer(Call call, CareAnswer answer) throws IOException {
        HttpServletResponse response = call.response();
        response.setStatus(answer.status());
        response.setContentType("application/json");
        answer.headers().forEach(response::setHeader);
        cors(call);
        response.setContentLength(answer.body().length);
        if (!"HEAD".equals(call.method())) {
            response.getOutputStream().write(answer.body());
        }
    }

    /** CORS for care-sync's own answers (CARE's answers carry CARE's own). */
    private void cors(Call call) {
        String origin = call.request().getHeader("Origin");
        if (origin == null || !allowed(origin)) {
            return;
        }
        HttpServletResponse response = call.response();
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Credentials", "true");
        response.setHeader("Access-Control-Expose-Headers", EXPOSED);
        response.addHeader("Vary", "Origin");
    }

    private boolean allowed(String origin) {
        return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
    }

    private CareAnswer refused(Call call) {
        return call.token() == null ? CareAnswer.notAuthenticated() : CareAnswer.tokenNotValid();
    }

    /** The body, at most {@code max} bytes; null when it was refused (answered already). */
    private byte[] readBody(Call call, long max) throws IOException {
        byte[] body;
        try {
            InputStream in = call.request().getInputStream();
            body = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 16L) + 1);
        } catch (IOException tooLargeOrBroken) {
            if (!call.response().isCommitted()) {
                answer(call, CareAnswer.detail(413, "The request body could not be read: "
                        + tooLargeOrBroken.getMessage()));
            }
            return null;
        }
        if (body.length > max) {
            answer(call, CareAnswer.detail(413, "The request body is larger than " + max + " bytes"));
            return null;
        }
        return body;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void copyHeaders(Map<String, List<String>> headers, HttpServletResponse response) {
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.startsWith(":") || (HttpCareRelay.HOP_BY_HOP.contains(lower) && !lower.equals("content-length"))) {
                return;
            }
            values.forEach(value -> response.addHeader(name, value));
        });
    }

    private static boolean identity(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-encoding"))
                .flatMap(e -> e.getValue().stream())
                .allMatch(v -> v.isBlank() || v.equalsIgnoreCase("identity"));
    }

    /** Hop-by-hop headers, and those a {@code Connection} header names. */
    private static Set<String> connectionScoped(HttpServletRequest request) {
        Set<String> names = new java.util.HashSet<>(HttpCareRelay.HOP_BY_HOP);
        for (String value : Collections.list(request.getHeaders("Connection"))) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    names.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** CARE's path of a request to care-sync, or null when the request is not one for CARE. */
    private String carePath(HttpServletRequest request) {
        String relative = request.getRequestURI().substring(request.getContextPath().length());
        if (port != null && request.getLocalPort() == port) {
            return relative.isEmpty() ? "/" : relative;
        }
        if (relative.equals(prefix) || relative.startsWith(prefix + "/")) {
            String path = relative.substring(prefix.length());
            return path.isEmpty() ? "/" : path;
        }
        return null;
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** The query string as Django reads it (form-decoded: {@code +} is a space). */
    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("the query string is not well encoded");
        }
    }
}

package network.ohc.caresync.api.web.transparent;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.cache.QueryCache;
import network.ohc.caresync.application.transparent.CareCallers;
import network.ohc.caresync.application.transparent.CareJwt;
import network.ohc.caresync.infrastructure.upstream.HttpCareRelay;
import network.ohc.caresync.infrastructure.upstream.HttpCareRelay.Outcome;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Passing a request through to CARE and its answer back, streamed both ways; a 2xx answer of a {@code persist} query
 * route is kept in the user's query cache on the way, and a token CARE accepted is remembered for its user.
 */
final class CareRelaying {

    /** How a request goes to CARE: the token it carries there, and where its answer is kept. */
    record Passage(String token, Caller caller, boolean issuedHere, CacheSlot slot) {

        /** As the app sent it, its answer kept nowhere. */
        static Passage asSent(CareExchange exchange) {
            return new Passage(exchange.token(), null, false, null);
        }
    }

    /** A read whose 2xx answer the query cache keeps: its route and parameters. */
    record CacheSlot(String routeKey, Map<String, String> params) {
    }

    private final HttpCareRelay relay;
    private final CareCallers callers;
    private final QueryCache cache;
    private final long maxCachedBytes;

    CareRelaying(HttpCareRelay relay, CareCallers callers, QueryCache cache, long maxCachedBytes) {
        this.relay = relay;
        this.callers = callers;
        this.cache = cache;
        this.maxCachedBytes = maxCachedBytes;
    }

    /** Sends the request on: its headers but the hop-by-hop ones, its body as read ({@code body}) or streamed. */
    Outcome send(CareExchange exchange, byte[] body, Passage passage) {
        HttpServletRequest request = exchange.request();
        Set<String> connectionScoped = connectionScoped(request);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (connectionScoped.contains(lower) || (lower.equals("authorization") && passage.issuedHere())
                    // the cache keeps plain JSON
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
        return relay.send(relayed(exchange, headers, body));
    }

    /** CARE's answer, streamed back as it came; a 2xx answer of a persist route is kept for the user on the way. */
    void stream(CareExchange exchange, Outcome.Answered answered, Passage passage) throws IOException {
        HttpServletResponse response = exchange.response();
        response.setStatus(answered.status());
        exchange.copyHeaders(answered.headers());
        boolean success = answered.status() >= 200 && answered.status() < 300;
        ByteArrayOutputStream copy = success && passage.slot() != null && identity(answered.headers())
                ? new ByteArrayOutputStream() : null;
        try (InputStream in = answered.body()) {
            if (!"HEAD".equals(exchange.method())) {
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
            callers.acceptedByCare(exchange.token());
        }
        if (copy != null) {
            // CARE accepted the token, so the user it names is who asked
            String userId = passage.caller() != null ? passage.caller().userId()
                    : CareJwt.read(exchange.token()).map(CareJwt::userId).orElse(null);
            if (userId != null) {
                cache.keep(userId, passage.slot().routeKey(), passage.slot().params(), copy.toByteArray());
            }
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static HttpCareRelay.Relayed relayed(CareExchange exchange, List<Map.Entry<String, String>> headers,
                                                 byte[] body) {
        HttpServletRequest request = exchange.request();
        if (body != null) {
            return new HttpCareRelay.Relayed(exchange.method(), exchange.pathAndQuery(), headers, body, null,
                    body.length);
        }
        long length = request.getContentLengthLong();
        boolean hasBody = length > 0 || (length < 0 && request.getHeader("Transfer-Encoding") != null);
        if (!hasBody) {
            return new HttpCareRelay.Relayed(exchange.method(), exchange.pathAndQuery(), headers, null, null, 0);
        }
        try {
            return new HttpCareRelay.Relayed(exchange.method(), exchange.pathAndQuery(), headers, null,
                    request.getInputStream(), length);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body cannot be read", e);
        }
    }

    private static boolean identity(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-encoding"))
                .flatMap(e -> e.getValue().stream())
                .allMatch(v -> v.isBlank() || v.equalsIgnoreCase("identity"));
    }

    /** Hop-by-hop headers, and those a {@code Connection} header names. */
    private static Set<String> connectionScoped(HttpServletRequest request) {
        Set<String> names = new HashSet<>(HttpCareRelay.HOP_BY_HOP);
        for (String value : Collections.list(request.getHeaders("Connection"))) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    names.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}

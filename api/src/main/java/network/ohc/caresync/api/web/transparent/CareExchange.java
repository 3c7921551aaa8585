package network.ohc.caresync.api.web.transparent;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import network.ohc.caresync.application.json.StorableText;
import network.ohc.caresync.application.transparent.CareAnswer;
import network.ohc.caresync.infrastructure.upstream.HttpCareRelay;
import org.axonframework.common.IdentifierFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request of the CARE web app and its answer: CARE's path (prefix taken off) and query as received, the token and
 * device it came with, and the ways care-sync answers it (its own answer, or CARE's relayed).
 */
final class CareExchange {

    static final String DEVICE_HEADER = "X-Device-Id";
    private static final String EXPOSED = String.join(", ", CareAnswer.SOURCE, CareAnswer.WRITE_ID, "Age",
            "X-Care-Sync-Fetched-At");

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final String token;
    private final String requestId = IdentifierFactory.getInstance().generateIdentifier();
    private final Set<String> allowedOrigins;

    CareExchange(HttpServletRequest request, HttpServletResponse response, String path, Set<String> allowedOrigins) {
        this.request = request;
        this.response = response;
        this.method = request.getMethod().toUpperCase(Locale.ROOT);
        this.path = path;
        this.rawQuery = request.getQueryString();
        this.query = parseQuery(rawQuery);
        this.token = bearer(request);
        this.allowedOrigins = allowedOrigins;
    }

    HttpServletRequest request() {
        return request;
    }

    HttpServletResponse response() {
        return response;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    String rawQuery() {
        return rawQuery;
    }

    Map<String, List<String>> query() {
        return query;
    }

    /** The bearer token the app sent, or null. */
    String token() {
        return token;
    }

    String deviceId() {
        return request.getHeader(DEVICE_HEADER);
    }

    /** Names this request in logs, in place of its path and body. */
    String requestId() {
        return requestId;
    }

    boolean isRead() {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    String pathAndQuery() {
        return path + (rawQuery == null ? "" : "?" + rawQuery);
    }

    /** CARE's refusal when care-sync cannot tell who the token is for. */
    CareAnswer refused() {
        return token == null ? CareAnswer.notAuthenticated() : CareAnswer.tokenNotValid();
    }

    /** care-sync's own answer, in CARE's shape. */
    void answer(CareAnswer answer) throws IOException {
        response.setStatus(answer.status());
        response.setContentType("application/json");
        answer.headers().forEach(response::setHeader);
        cors();
        response.setContentLength(answer.body().length);
        if (!"HEAD".equals(method)) {
            response.getOutputStream().write(answer.body());
        }
    }


    /** CARE's answer, read whole already (sign-in answers are small), as it came. */
    void relayAnswer(HttpCareRelay.Outcome.Answered answered, byte[] body) throws IOException {
        response.setStatus(answered.status());
        copyHeaders(answered.headers());
        if (!"HEAD".equals(method)) {
            response.getOutputStream().write(body);
        }
    }

    /** CARE's status and headers, the hop-by-hop ones left out. */
    void copyHeaders(Map<String, List<String>> headers) {
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.startsWith(":") || (HttpCareRelay.HOP_BY_HOP.contains(lower) && !lower.equals("content-length"))) {
                return;
            }
            values.forEach(value -> response.addHeader(name, value));
        });
    }

    /** A CORS preflight answered while CARE cannot be reached (CARE answers its own while it can). */
    void answerPreflight() {
        response.setStatus(200);
        cors();
        String origin = request.getHeader("Origin");
        if (origin != null && allowed(origin)) {
            response.setHeader("Access-Control-Allow-Methods", "DELETE, GET, OPTIONS, PATCH, POST, PUT");
            String asked = request.getHeader("Access-Control-Request-Headers");
            response.setHeader("Access-Control-Allow-Headers", asked != null ? asked
                    : "accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with");
            response.setHeader("Access-Control-Max-Age", "600");
        }
        response.setHeader("Allow", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
        response.setContentLength(0);
    }

    /** The body, at most {@code max} bytes; null when it could not be had (answered already). */
    byte[] readBody(long max) throws IOException {
        byte[] body;
        try {
            InputStream in = request.getInputStream();
            body = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 16L) + 1);
        } catch (IOException tooLargeOrBroken) {
            if (!response.isCommitted()) {
                answer(CareAnswer.detail(413, "The request body could not be read: " + tooLargeOrBroken.getMessage()));
            }
            return null;
        }
        if (body.length > max) {
            answer(CareAnswer.detail(413, "The request body is larger than " + max + " bytes"));
            return null;
        }
        return body;
    }

    /** CORS for care-sync's own answers (CARE's answers carry CARE's own). */
    private void cors() {
        String origin = request.getHeader("Origin");
        if (origin == null || !allowed(origin)) {
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Credentials", "true");
        response.setHeader("Access-Control-Expose-Headers", EXPOSED);
        response.addHeader("Vary", "Origin");
    }

    private boolean allowed(String origin) {
        return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
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
            if (!StorableText.isStorable(name) || !StorableText.isStorable(value)) {
                // the query cache keeps parameters as text, and PostgreSQL cannot hold these
                throw new IllegalArgumentException("the query parameter '" + StorableText.printable(name) + "' "
                        + StorableText.PROBLEM);
            }
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

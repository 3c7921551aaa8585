package network.ohc.caresync.api.transparent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CARE web app's requests as recorded in {@code transparent/care-web-app-sequence.json}, replayed against an API
 * address: care-sync's {@code /care}, or the simulator itself. Placeholders ({@code {{name}}}) are filled from the
 * replay's values; a step's {@code keep} takes values (an id, a token) from its answer for the steps after it.
 */
final class RecordedSequence {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One recorded request, its placeholders unfilled. */
    record Step(String name, boolean shiftStart, String method, String path, boolean noAuth, JsonNode body,
                Map<String, String> keep, String expect) {
    }

    /** A request as it was sent (placeholders filled) and its answer, as it came. */
    record Exchange(Step step, String method, String path, Map<String, String> headers, byte[] body,
                    int status, Map<String, List<String>> answerHeaders, byte[] answer) {

        JsonNode json() {
            try {
                return JSON.readTree(answer);
            } catch (IOException e) {
                throw new AssertionError(step.name() + ": the answer is not JSON: " + text(), e);
            }
        }

        String text() {
            return new String(answer, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return answerHeaders.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return step.name() + " (" + method + " " + path + "): " + status + " " + text();
        }
    }

    private final Map<String, String> headers;
    private final List<Step> steps;

    private RecordedSequence(Map<String, String> headers, List<Step> steps) {
        this.headers = headers;
        this.steps = steps;
    }

    static RecordedSequence load() {
        try (InputStream in = RecordedSequence.class.getResourceAsStream("/transparent/care-web-app-sequence.json")) {
            JsonNode root = JSON.readTree(in);
            Map<String, String> headers = new LinkedHashMap<>();
            root.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            List<Step> steps = new ArrayList<>();
            for (JsonNode request : root.path("requests")) {
                Map<String, String> keep = new LinkedHashMap<>();
                request.path("keep").fields().forEachRemaining(e -> keep.put(e.getKey(), e.getValue().asText()));
                steps.add(new Step(request.path("step").asText(), request.path("shiftStart").asBoolean(false),
                        request.path("method").asText(), request.path("path").asText(),
                        request.path("noAuth").asBoolean(false), request.get("body"), keep,
                        request.path("expect").asText()));
            }
            return new RecordedSequence(headers, List.copyOf(steps));
        } catch (IOException e) {
            throw new UncheckedIOException("the recorded sequence cannot be read", e);
        }
    }

    List<Step> steps() {
        return steps;
    }

    List<Step> shiftStart() {
        return steps.stream().filter(Step::shiftStart).toList();
    }

    /** The headers the app sends with a step, placeholders filled. */
    Map<String, String> headersOf(Step step, Map<String, String> values) {
        Map<String, String> filled = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!(step.noAuth() && name.equalsIgnoreCase("Authorization"))) {
                filled.put(name, fill(value, values));
            }
        });
        return filled;
    }

    /**
     * Sends one step to {@code baseUrl} as the app sends it and records the exchange; {@code values} gets what the
     * step keeps from a 2xx answer.
     */
    Exchange send(String baseUrl, Step step, Map<String, String> values) {
        String path = fill(step.path(), values);
        Map<String, String> sent = headersOf(step, values);
        byte[] body = step.body() == null ? null : bytes(fill(step.body(), values));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(step.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        sent.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(step.name() + ": no answer from " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Exchange exchange = new Exchange(step, step.method(), path, sent, body == null ? new byte[0] : body,
                response.statusCode(), response.headers().map(), response.body());
        if (response.statusCode() / 100 == 2) {
            step.keep().forEach((name, field) -> values.put(name, exchange.json().path(field).asText()));
        }
        return exchange;
    }

    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {{" + m.group(1) + "}} in '" + text + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static JsonNode fill(JsonNode node, Map<String, String> values) {
        if (node.isTextual()) {
            return TextNode.valueOf(fill(node.asText(), values));
        }
        if (node.isObject()) {
            ObjectNode filled = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                filled.set(field.getKey(), fill(field.getValue(), values));
            }
            return filled;
        }
        if (node.isArray()) {
            ArrayNode filled = JSON.createArrayNode();
            node.forEach(item -> filled.add(fill(item, values)));
            return filled;
        }
        return node;
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A header map with lower-case names, for comparing headers whose spelling may differ. */
    static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .addAll(values));
        return lower;
    }
}

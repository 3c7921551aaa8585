package network.ohc.caresync.reliability.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A plain JSON client over the JDK's HttpClient, as a device or a test harness talks to a server. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Duration timeout;

    public Http(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** An answer: status, parsed body (when JSON), raw response. */
    public record Answer(int status, Object body, HttpResponse<String> raw, long millis) {

        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            return body instanceof Map<?, ?> ? (Map<String, Object>) body : Map.of();
        }

        @SuppressWarnings("unchecked")
        public List<Object> list() {
            return (List<Object>) body;
        }

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        public String text() {
            return raw.body();
        }

        @Override
        public String toString() {
            String b = raw.body();
            return status + " " + (b != null && b.length() > 400 ? b.substring(0, 400) + "…" : b);
        }
    }

    public Answer get(String path, String token) throws IOException {
        return send("GET", path, token, null);
    }

    public Answer post(String path, String token, Object body) throws IOException {
        return send("POST", path, token, body);
    }

    public Answer send(String method, String path, String token, Object body) throws IOException {
        return sendRaw(method, path, token, body == null ? null : JSON.writeValueAsString(body), null, Map.of());
    }

    public Answer sendRaw(String method, String path, String token, String body, String contentType,
                          Map<String, String> headers) throws IOException {
        return sendBytes(method, path, token, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                contentType, headers);
    }

    public Answer sendBytes(String method, String path, String token, byte[] body, String contentType,
                            Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null || contentType != null) {
            request.header("Content-Type", contentType == null ? "application/json" : contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Object parsed = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.body() != null && !response.body().isBlank() && type.contains("json")) {
                try {
                    parsed = JSON.readValue(response.body(), Object.class);
                } catch (IOException notJson) {
                    parsed = null;
                }
            }
            return new Answer(response.statusCode(), parsed, response, (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}

package network.ohc.caresync.api.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** care-sync's API over real HTTP, as a device uses it. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An answer: status, parsed body, headers. */
    public record Answer(int status, Object body, HttpResponse<String> raw) {

        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            return (Map<String, Object>) body;
        }

        @SuppressWarnings("unchecked")
        public List<Object> list() {
            return (List<Object>) body;
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** Signs in through care-sync; the session token. */
    public String login(String username) {
        Answer answer = send("POST", "/api/v1/auth/login", null,
                Map.of("username", username, "password", Simulator.PASSWORD));
        if (answer.status() != 200) {
            throw new IllegalStateException("sign-in of " + username + " failed: " + answer);
        }
        return (String) answer.json().get("token");
    }

    public Answer get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Answer post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    public Answer delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    public Answer send(String method, String path, String token, Object body) {
        try {
            return sendRaw(method, path, token, body == null ? null : JSON.writeValueAsString(body), null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Answer sendRaw(String method, String path, String token, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType == null ? "application/json" : contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Object parsed = null;
            if (response.body() != null && !response.body().isBlank()
                    && response.headers().firstValue("Content-Type").orElse("").contains("json")) {
                parsed = JSON.readValue(response.body(), Object.class);
            }
            return new Answer(response.statusCode(), parsed, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

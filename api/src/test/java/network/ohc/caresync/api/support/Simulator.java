package network.ohc.caresync.api.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The CARE simulator as a separate process on a real port (the jar the build made), started once per test JVM.
 * Tests talk to it over HTTP like care-sync does, and use its {@code /__sim/} controls and counters.
 */
public final class Simulator {

    public static final String ORGANIZATION = "c7152a21-4c1a-427a-91b2-6d517fe4cb42";
    public static final String FACILITY = "cb25b96a-4ab8-4a5f-bb45-68c8e6ebf9f3";
    public static final String PASSWORD = "care-demo-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static Simulator instance;

    private final Process process;
    private final String baseUrl;

    private Simulator(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    public static synchronized Simulator get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static Simulator start() {
        String jar = System.getProperty("care-simulator.jar", "../care-simulator/target/care-simulator.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("the CARE simulator jar is missing at " + jar
                    + "; build with 'mvn -B verify' from the project root (it packages the simulator first)");
        }
        int port = freePort();
        try {
            Path log = Files.createTempFile("care-simulator", ".log");
            Process process = new ProcessBuilder(javaBinary(), "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar,
                    "--server.port=" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Simulator simulator = new Simulator(process, "http://127.0.0.1:" + port);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            Instant deadline = Instant.now().plusSeconds(90);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the CARE simulator stopped at start; see " + log);
                }
                try {
                    if (simulator.get("/__sim/faults").statusCode() == 200) {
                        return simulator;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the CARE simulator did not start within 90 s; see " + log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the CARE simulator", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public void reset() {
        post("/__sim/reset", Map.of());
    }

    public void faults(Map<String, Object> faults) {
        send("PUT", "/__sim/faults", faults);
    }

    public void offline() {
        faults(Map.of("offline", true));
    }

    public void online() {
        faults(Map.of("offline", false));
    }

    public void expireTokens(boolean refreshToo) {
        post("/__sim/tokens/expire", Map.of("refresh", refreshToo));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> stats() {
        return (Map<String, Object>) body(get0("/__sim/stats"));
    }

    /** How many times a mutation carrying this idempotency key (care-sync sends the write id) was applied. */
    @SuppressWarnings("unchecked")
    public int applied(String key) {
        Map<String, Object> answer = (Map<String, Object>) body(get0("/__sim/applied/" + key));
        return answer == null || answer.get("count") == null ? 0 : ((Number) answer.get("count")).intValue();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> records(String kind) {
        Object body = body(get0("/__sim/records?kind=" + kind));
        if (body instanceof Map<?, ?> map && map.get("results") instanceof List<?> list) {
            return (List<Map<String, Object>>) list;
        }
        return (List<Map<String, Object>>) body;
    }

    /** Signs in to the simulator directly, as a device talking to CARE would. */
    @SuppressWarnings("unchecked")
    public String careToken(String username) {
        Map<String, Object> tokens = (Map<String, Object>) body(send("POST", "/api/v1/auth/login/",
                Map.of("username", username, "password", PASSWORD)));
        return (String) tokens.get("access");
    }

    /** A call to the CARE API as the given CARE token. */
    public HttpResponse<String> care(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Object body(HttpResponse<String> response) {
        try {
            return response.body() == null || response.body().isEmpty() ? null
                    : JSON.readValue(response.body(), Object.class);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> post(String path, Object body) {
        return send("POST", path, body);
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (path.startsWith("/__sim") && response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get0(String path) {
        try {
            return get(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}

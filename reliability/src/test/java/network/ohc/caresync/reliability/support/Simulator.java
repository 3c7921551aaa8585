package network.ohc.caresync.reliability.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CARE simulator jar as its own process, with the demo users and a few more (so that writes spread over many
 * sync partitions), and its {@code /__sim/} controls.
 */
public final class Simulator implements AutoCloseable {

    public static final String ORGANIZATION = "c7152a21-4c1a-427a-91b2-6d517fe4cb42";
    public static final String FACILITY = "cb25b96a-4ab8-4a5f-bb45-68c8e6ebf9f3";
    public static final String PASSWORD = "care-demo-1";
    public static final List<String> DEMO_USERS = List.of("nurse.asha", "doctor.ravi", "nurse.meena", "admin.kiran");
    /** Staff the workloads write as: the demo users and eight more nurses. */
    public static final List<String> STAFF;

    static {
        List<String> staff = new ArrayList<>(DEMO_USERS);
        for (int i = 1; i <= 8; i++) {
            staff.add("nurse.r0" + i);
        }
        STAFF = List.copyOf(staff);
    }

    private final Process process;
    private final Http http;

    Simulator(Path logDir) {
        String jar = System.getProperty("care-simulator.jar", "../care-simulator/target/care-simulator.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("the CARE simulator jar is missing at " + jar
                    + "; build with 'mvn -B verify' from the project root");
        }
        int port = Ports.free();
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar, "--server.port=" + port));
        for (int i = 0; i < STAFF.size(); i++) {
            String username = STAFF.get(i);
            command.add("--care-simulator.users[" + i + "].username=" + username);
            command.add("--care-simulator.users[" + i + "].password=" + PASSWORD);
            command.add("--care-simulator.users[" + i + "].first-name=" + (i < 4 ? "Demo" : "Nurse"));
            command.add("--care-simulator.users[" + i + "].last-name=" + username.replace('.', ' '));
            command.add("--care-simulator.users[" + i + "].user-type="
                    + (username.startsWith("doctor") ? "doctor" : username.startsWith("admin") ? "administrator" : "nurse"));
        }
        try {
            File log = logDir.resolve("care-simulator.log").toFile();
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the CARE simulator", e);
        }
        http = new Http("http://127.0.0.1:" + port, Duration.ofSeconds(30));
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the CARE simulator stopped at start; see its log in " + logDir);
            }
            try {
                if (http.get("/__sim/faults", null).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Processes.sleep(200);
        }
        throw new IllegalStateException("the CARE simulator did not start within 120 s");
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    public void reset() {
        control("POST", "/__sim/reset", Map.of());
    }

    public void faults(Map<String, Object> faults) {
        control("PUT", "/__sim/faults", faults);
    }

    /** Every fault back to its default. */
    public void clearFaults() {
        faults(Map.of("latencyMs", 0, "latencySpikeRate", 0, "latencySpikeMs", 0, "errorRate", 0, "resetRate", 0,
                "dropAfterApplyRate", 0, "offline", false, "faultRoutes", List.of()));
    }

    public void offline(boolean offline) {
        faults(Map.of("offline", offline));
    }

    public void expireTokens(boolean refreshToo) {
        control("POST", "/__sim/tokens/expire", Map.of("refresh", refreshToo));
    }

    public Map<String, Object> stats() {
        return control("GET", "/__sim/stats", null).json();
    }

    /** Applied mutations by idempotency key (care-sync sends the write id). */
    @SuppressWarnings("unchecked")
    public Map<String, Integer> applied() {
        Map<String, Object> all = control("GET", "/__sim/applied", null).json();
        Map<String, Integer> counts = new java.util.HashMap<>();
        all.forEach((k, v) -> counts.put(k, ((Number) v).intValue()));
        return counts;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> records(String kind) {
        Object body = control("GET", "/__sim/records?kind=" + kind, null).body();
        if (body instanceof Map<?, ?> map && map.get("results") instanceof List<?> list) {
            return (List<Map<String, Object>>) list;
        }
        return (List<Map<String, Object>>) body;
    }

    /** Signs in to CARE directly, as a device talking to CARE would; the access token. */
    public String careToken(String username) {
        Http.Answer answer = Api.call(() -> http.post("/api/v1/auth/login/", null,
                Map.of("username", username, "password", PASSWORD)));
        return (String) answer.json().get("access");
    }

    /** A call to the CARE API with a CARE token. */
    public Http.Answer care(String method, String path, String token, Object body) {
        return Api.call(() -> http.sendRaw(method, path, token, body == null ? null : Http.JSON.writeValueAsString(body),
                null, Map.of()));
    }

    private Http.Answer control(String method, String path, Object body) {
        try {
            Http.Answer answer = http.send(method, path, null, body);
            if (answer.status() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + answer);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

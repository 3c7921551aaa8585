package network.ohc.caresync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CARE simulator: started by the harness with as many users as the scenarios need (a generated
 * {@code care-simulator.users} list), or one already running. Its {@code /__sim/} controls set faults and its
 * counters tell whether a write landed once, twice or not at all.
 */
final class Simulator implements AutoCloseable {

    static final String ORGANIZATION = "c7152a21-4c1a-427a-91b2-6d517fe4cb42";
    static final String FACILITY = "cb25b96a-4ab8-4a5f-bb45-68c8e6ebf9f3";
    static final String ADMIN = "admin.kiran";

    private final Http http;
    private final JavaProcess process;

    private Simulator(Http http, JavaProcess process) {
        this.http = http;
        this.process = process;
    }

    static Simulator start(Path jar, Path workDir, int users, String password) {
        int port = JavaProcess.freePort();
        Path config = workDir.resolve("simulator-users.yml");
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, usersYaml(users, password));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Serial GC and a bounded heap: the simulator shares the cores with care-sync and should take little of them
        JavaProcess process = JavaProcess.start("care-simulator", jar, List.of("-Xmx1g", "-XX:+UseSerialGC"),
                List.of("--server.port=" + port, "--spring.config.additional-location=file:" + config.toAbsolutePath()),
                workDir.resolve("logs").resolve("care-simulator.log"));
        Simulator simulator = new Simulator(new Http("http://127.0.0.1:" + port), process);
        process.awaitReady(() -> simulator.http.get("/__sim/faults", null).status() == 200, Duration.ofSeconds(120));
        return simulator;
    }

    static Simulator attach(String baseUrl) {
        return new Simulator(new Http(baseUrl), null);
    }

    static String username(int n) {
        return String.format("bench.user.%03d", n);
    }

    /**
     * Benchmark users and an administrator; tokens outlive the longest scenario, so that what is measured is the
     * drain and not CARE's 30-minute refresh limit (care-sync's token refresh has tests of its own).
     */
    private static String usersYaml(int users, String password) {
        StringBuilder yaml = new StringBuilder("""
                care-simulator:
                  access-token-lifetime: PT6H
                  refresh-token-lifetime: PT24H
                  users:
                    - username: %s
                      password: "%s"
                      first-name: Kiran
                      last-name: Rao
                      user-type: administrator
                """.formatted(ADMIN, password));
        for (int n = 0; n < users; n++) {
            yaml.append("""
                        - username: %s
                          password: "%s"
                          first-name: Bench
                          last-name: User %03d
                          user-type: nurse
                    """.formatted(username(n), password, n));
        }
        return yaml.toString();
    }

    String baseUrl() {
        return http.baseUrl();
    }

    Long pid() {
        return process == null ? null : process.pid();
    }

    void reset() {
        require(http.post("/__sim/reset", null, Map.of()), "reset");
    }

    void faults(Map<String, Object> faults) {
        require(http.put("/__sim/faults", null, faults), "set faults " + faults);
    }

    Map<String, Object> stats() {
        return require(http.get("/__sim/stats", null), "stats").json();
    }

    /** How many times each Idempotency-Key (write id) was applied. */
    @SuppressWarnings("unchecked")
    Map<String, Number> applied() {
        return (Map<String, Number>) (Map<?, ?>) require(http.get("/__sim/applied", null), "applied").json();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> records(String kind) {
        Map<String, Object> answer = require(http.get("/__sim/records?kind=" + kind, null), "records").json();
        return new ArrayList<>((List<Map<String, Object>>) answer.get("results"));
    }

    /** A CARE access token of the user, signed in directly at the simulator (to create records "already there"). */
    String careToken(String username, String password) {
        return (String) require(http.post("/api/v1/auth/login/", null,
                Map.of("username", username, "password", password)), "CARE login of " + username).json().get("access");
    }

    /** Creates a patient directly in CARE; the patient as CARE answers it. */
    Map<String, Object> createPatient(String careToken, Map<String, Object> payload) {
        return require(http.post("/api/v1/patient/", careToken, payload), "create patient").json();
    }

    private static Http.Answer require(Http.Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException("simulator: " + what + " answered " + answer);
        }
        return answer;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}

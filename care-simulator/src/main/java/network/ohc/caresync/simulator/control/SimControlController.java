package network.ohc.caresync.simulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.ohc.caresync.simulator.auth.TokenService;
import network.ohc.caresync.simulator.fault.FaultSwitchboard;
import network.ohc.caresync.simulator.fault.InvalidFaultSettings;
import network.ohc.caresync.simulator.idempotency.IdempotencyLedger;
import network.ohc.caresync.simulator.inspection.RequestLog;
import network.ohc.caresync.simulator.stats.SimulatorStats;
import network.ohc.caresync.simulator.stats.StatsSnapshot;
import network.ohc.caresync.simulator.store.RecordSource;
import network.ohc.caresync.simulator.store.Store;
import network.ohc.caresync.simulator.user.UserDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The test controls under {@code /__sim/}. They need no token and are never touched by the fault
 * settings, so a test can always reach them, even while the CARE API is "offline".
 */
@RestController
@RequestMapping("/__sim")
class SimControlController {

    private final FaultSwitchboard faults;
    private final TokenService tokens;
    private final UserDirectory users;
    private final SimulatorStats stats;
    private final IdempotencyLedger ledger;
    private final Store store;
    private final List<RecordSource> recordSources;
    private final RequestLog received;

    SimControlController(FaultSwitchboard faults, TokenService tokens, UserDirectory users, SimulatorStats stats,
                         IdempotencyLedger ledger, Store store, List<RecordSource> recordSources,
                         RequestLog received) {
        this.faults = faults;
        this.tokens = tokens;
        this.users = users;
        this.stats = stats;
        this.ledger = ledger;
        this.store = store;
        this.recordSources = recordSources;
        this.received = received;
    }

    @GetMapping("/faults")
    Map<String, Object> faults() {
        return faults.current().asMap();
    }

    /** Replaces only the fields given; an unknown field or a bad value changes nothing and answers 400. */
    @PutMapping("/faults")
    Map<String, Object> updateFaults(@RequestBody JsonNode changes) {
        return faults.update(changes).asMap();
    }

    @ExceptionHandler(InvalidFaultSettings.class)
    ResponseEntity<Map<String, Object>> invalidFaults(InvalidFaultSettings e) {
        return ResponseEntity.badRequest().body(Map.of("errors", e.problems()));
    }

    /** Every access token issued so far stops working; with {@code {"refresh": true}} refresh tokens too. */
    @PostMapping("/tokens/expire")
    Map<String, Object> expireTokens(@RequestBody(required = false) JsonNode body) {
        boolean refresh = body != null && body.path("refresh").asBoolean(false);
        tokens.expireAccessTokens();
        if (refresh) {
            tokens.expireRefreshTokens();
        }
        return Map.of("accessTokensExpired", true, "refreshTokensExpired", refresh);
    }

    @GetMapping("/tokens/lifetimes")
    Map<String, Object> lifetimes() {
        return Map.of("access", tokens.accessLifetime().toString(), "refresh", tokens.refreshLifetime().toString());
    }

    /**
     * Lifetimes (ISO-8601 durations) of the tokens issued from now on, e.g. {@code {"access": "PT20S"}}; a field left
     * out keeps its lifetime. Reset restores the configured ones. Nothing changes when a value is bad (400).
     */
    @PutMapping("/tokens/lifetimes")
    ResponseEntity<Map<String, Object>> changeLifetimes(@RequestBody JsonNode body) {
        if (!body.isObject()) {
            return ResponseEntity.badRequest().body(Map.of("errors", List.of("expected {\"access\", \"refresh\"}")));
        }
        List<String> problems = new ArrayList<>();
        Duration access = lifetime(body, "access", problems);
        Duration refresh = lifetime(body, "refresh", problems);
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("access") && !name.equals("refresh")) {
                problems.add("unknown field '" + name + "'; known: access, refresh");
            }
        });
        if (!problems.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("errors", problems));
        }
        tokens.changeLifetimes(access, refresh);
        return ResponseEntity.ok(lifetimes());
    }

    private static Duration lifetime(JsonNode body, String field, List<String> problems) {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        try {
            Duration lifetime = Duration.parse(value.asText());
            if (!lifetime.isNegative() && !lifetime.isZero()) {
                return lifetime;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(field + " must be a positive ISO-8601 duration such as PT20S");
        return null;
    }

    @PutMapping("/users/{username}/permissions")
    ResponseEntity<Map<String, Object>> permissions(@PathVariable String username, @RequestBody JsonNode body) {
        JsonNode write = body.get("write");
        if (write == null || !write.isBoolean()) {
            return ResponseEntity.badRequest().body(Map.of("errors", List.of("write must be true or false")));
        }
        if (!users.setWrite(username, write.booleanValue())) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("errors", List.of("no user '" + username + "'")));
        }
        return ResponseEntity.ok(Map.of("username", username, "write", write.booleanValue()));
    }

    @GetMapping("/stats")
    StatsSnapshot stats() {
        return stats.snapshot(ledger.duplicateApplies());
    }

    @GetMapping("/applied")
    Map<String, Long> applied() {
        return ledger.appliedCounts();
    }

    @GetMapping("/applied/{key}")
    Map<String, Object> applied(@PathVariable String key) {
        return Map.of("key", key, "count", ledger.appliedCount(key));
    }

    /** Every record of a kind, oldest first, with no paging limit: for assertions in tests. */
    @GetMapping("/records")
    ResponseEntity<Map<String, Object>> records(@RequestParam String kind) {
        Optional<RecordSource> source = recordSources.stream().filter(s -> s.kinds().contains(kind)).findFirst();
        if (source.isEmpty()) {
            List<String> known = recordSources.stream().flatMap(s -> s.kinds().stream()).sorted().toList();
            return ResponseEntity.badRequest().body(Map.of("errors", List.of("unknown kind '" + kind
                    + "'; known: " + known)));
        }
        List<?> records = store.read(() -> source.get().render(kind));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("count", records.size());
        body.put("results", records);
        return ResponseEntity.ok(body);
    }

    /** The last requests under /api/ as received (headers as sent, the body as length and SHA-256), oldest first. */
    @GetMapping("/requests")
    ResponseEntity<Map<String, Object>> requests(@RequestParam(defaultValue = "10") String last) {
        int count;
        try {
            count = Integer.parseInt(last);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1) {
            return ResponseEntity.badRequest().body(Map.of("errors", List.of("last must be a whole number, 1 or more")));
        }
        List<RequestLog.Received> requests = received.last(count);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", requests.size());
        body.put("results", requests);
        return ResponseEntity.ok(body);
    }

    /**
     * Forgets records, statistics, applied counts, received requests, permissions, fault settings and changed token
     * lifetimes; users and facility stay.
     */
    @PostMapping("/reset")
    Map<String, Object> reset() {
        store.clear(() -> {
            stats.clear();
            ledger.clear();
            received.clear();
        });
        faults.reset();
        users.resetPermissions();
        tokens.resetLifetimes();
        return Map.of("reset", true);
    }
}

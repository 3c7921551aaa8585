package network.ohc.caresync.simulator.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The failures the simulator injects into CARE API requests. Rates are shares between 0 and 1.
 *
 * @param latencyMs          added to every CARE API request
 * @param latencySpikeRate   share of requests that get {@code latencySpikeMs} more
 * @param errorRate          share of requests answered with {@code errorStatus} without being applied
 * @param resetRate          share of requests whose connection is reset without an answer, not applied
 * @param dropAfterApplyRate share of applied mutations whose connection is then reset: done, answer lost
 * @param offline            every CARE API request is reset unanswered and nothing is applied
 * @param idempotencyKeys    honour {@code Idempotency-Key} (real CARE does not)
 * @param faultRoutes        when not empty, latency, errors, resets and dropped answers only hit requests matching
 *                           one of these ({@code "POST /api/v1/patient/"}: a method and a route template or path
 *                           prefix), so that e.g. creates fail while reads and probes still answer
 */
public record FaultSettings(long latencyMs, double latencySpikeRate, long latencySpikeMs, double errorRate,
                            int errorStatus, double resetRate, double dropAfterApplyRate, boolean offline,
                            boolean idempotencyKeys, List<String> faultRoutes) {

    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 503, 0, 0, false, false, List.of());

    public FaultSettings {
        faultRoutes = faultRoutes == null ? List.of() : List.copyOf(faultRoutes);
    }

    /** Whether the rate-based faults apply to this request. */
    public boolean targets(String method, String route, String path) {
        if (faultRoutes.isEmpty()) {
            return true;
        }
        for (String target : faultRoutes) {
            int space = target.indexOf(' ');
            String targetMethod = target.substring(0, space);
            String targetPath = target.substring(space + 1);
            if ((targetMethod.equals("*") || targetMethod.equalsIgnoreCase(method))
                    && (targetPath.equals(route) || path.startsWith(targetPath))) {
                return true;
            }
        }
        return false;
    }

    private static final Set<Integer> ERROR_STATUSES = Set.of(429, 500, 502, 503, 504);
    private static final Set<String> FIELDS = Set.of("latencyMs", "latencySpikeRate", "latencySpikeMs",
            "errorRate", "errorStatus", "resetRate", "dropAfterApplyRate", "offline", "idempotencyKeys", "faultRoutes");

    /**
     * These settings with the fields present in {@code changes} replaced.
     *
     * @throws InvalidFaultSettings naming every unknown field and bad value
     */
    public FaultSettings with(JsonNode changes) {
        if (changes == null || !changes.isObject()) {
            throw new InvalidFaultSettings(List.of("body must be a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = changes.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add("unknown field '" + name + "'; known: " + FIELDS.stream().sorted().toList());
            }
        }
        Reader r = new Reader(changes, problems);
        FaultSettings updated = new FaultSettings(
                r.millis("latencyMs", latencyMs),
                r.rate("latencySpikeRate", latencySpikeRate),
                r.millis("latencySpikeMs", latencySpikeMs),
                r.rate("errorRate", errorRate),
                r.status("errorStatus", errorStatus),
                r.rate("resetRate", resetRate),
                r.rate("dropAfterApplyRate", dropAfterApplyRate),
                r.flag("offline", offline),
                r.flag("idempotencyKeys", idempotencyKeys),
                r.routes("faultRoutes", faultRoutes));
        if (!problems.isEmpty()) {
            throw new InvalidFaultSettings(problems);
        }
        return updated;
    }

    /** The JSON of {@code GET /__sim/faults}, in a stable order. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("latencyMs", latencyMs);
        map.put("latencySpikeRate", latencySpikeRate);
        map.put("latencySpikeMs", latencySpikeMs);
        map.put("errorRate", errorRate);
        map.put("errorStatus", errorStatus);
        map.put("resetRate", resetRate);
        map.put("dropAfterApplyRate", dropAfterApplyRate);
        map.put("offline", offline);
        map.put("idempotencyKeys", idempotencyKeys);
        map.put("faultRoutes", faultRoutes);
        return map;
    }

    private record Reader(JsonNode node, List<String> problems) {

        long millis(String name, long current) {
            JsonNode value = node.get(name);
            if (value == null) {
                return current;
            }
            if (!value.isNumber() || value.asLong() < 0 || value.asLong() > 600_000) {
                problems.add(name + " must be a number of milliseconds between 0 and 600000");
                return current;
            }
            return value.asLong();
        }

        double rate(String name, double current) {
            JsonNode value = node.get(name);
            if (value == null) {
                return current;
            }
            if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
                problems.add(name + " must be a number between 0 and 1");
                return current;
            }
            return value.asDouble();
        }

        int status(String name, int current) {
            JsonNode value = node.get(name);
            if (value == null) {
                return current;
            }
            if (!value.isIntegralNumber() || !ERROR_STATUSES.contains(value.asInt())) {
                problems.add(name + " must be one of " + ERROR_STATUSES.stream().sorted().toList());
                return current;
            }
            return value.asInt();
        }

        List<String> routes(String name, List<String> current) {
            JsonNode value = node.get(name);
            if (value == null) {
                return current;
            }
            List<String> routes = new ArrayList<>();
            if (!value.isArray()) {
                problems.add(name + " must be an array of \"METHOD /path\" strings");
                return current;
            }
            for (JsonNode item : value) {
                String text = item.isTextual() ? item.asText() : "";
                int space = text.indexOf(' ');
                if (space < 1 || !text.substring(space + 1).startsWith("/")) {
                    problems.add(name + " entries look like \"POST /api/v1/patient/\" (method, or *, and a path)");
                    return current;
                }
                routes.add(text);
            }
            return routes;
        }

        boolean flag(String name, boolean current) {
            JsonNode value = node.get(name);
            if (value == null) {
                return current;
            }
            if (!value.isBoolean()) {
                problems.add(name + " must be true or false");
                return current;
            }
            return value.asBoolean();
        }
    }
}

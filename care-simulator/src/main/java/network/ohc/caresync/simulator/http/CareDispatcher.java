package network.ohc.caresync.simulator.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import network.ohc.caresync.simulator.idempotency.IdempotencyLedger;
import network.ohc.caresync.simulator.stats.SimulatorStats;
import network.ohc.caresync.simulator.store.Store;
import network.ohc.caresync.simulator.store.Transaction;
import network.ohc.caresync.simulator.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a CARE request through its route: authentication, body parsing, locking, the endpoint, and
 * the commit-or-rollback decision. Independent of the web server, so batch sub-requests go through
 * exactly the same handlers as top-level requests.
 */
@Component
public class CareDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CareDispatcher.class);

    private final RouteTable routes;
    private final Authentication authentication;
    private final Store store;
    private final IdempotencyLedger ledger;
    private final SimulatorStats stats;
    private final ObjectReader jsonReader;

    public CareDispatcher(RouteTable routes, Authentication authentication, Store store, IdempotencyLedger ledger,
                          SimulatorStats stats, ObjectMapper mapper) {
        this.routes = routes;
        this.authentication = authentication;
        this.store = store;
        this.ledger = ledger;
        this.stats = stats;
        this.jsonReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The route template a request would be counted under. */
    public String routeOf(String method, String path) {
        return routes.lookup(method, path).template();
    }

    /**
     * A top-level request.
     *
     * @param honourIdempotencyKeys whether a repeated {@code Idempotency-Key} replays the first answer
     */
    public record Incoming(String method, String path, Map<String, List<String>> query, byte[] body,
                           String authorization, String idempotencyKey, boolean honourIdempotencyKeys) {
    }

    /** @param applied a mutation changed state and was kept */
    public record Outcome(String route, CareResponse response, boolean applied) {
    }

    public Outcome handle(Incoming in) {
        RouteTable.Lookup lookup = routes.lookup(in.method(), in.path());
        String template = lookup.template();
        try {
            if (lookup.route() == null) {
                throw CareErrors.routeNotFound();
            }
            Route route = lookup.route();
            User user = route.access() == Access.OPEN ? null : authentication.authenticate(in.authorization());
            if (lookup.methodMismatch()) {
                throw CareErrors.methodNotAllowed(in.method());
            }
            return switch (route.access()) {
                case OPEN -> new Outcome(template, route.endpoint().handle(
                        call(in.method(), in.path(), lookup, in.query(), parse(in.body()), null, null)), false);
                case READ -> new Outcome(template, store.read(() -> route.endpoint().handle(
                        call(in.method(), in.path(), lookup, in.query(), null, user, null))), false);
                case WRITE -> write(in, lookup, user, parse(in.body()));
            };
        } catch (CareException e) {
            return new Outcome(template, e.response(), false);
        } catch (RuntimeException e) {
            // The exception text never holds a payload: our own exceptions only name ids and routes.
            log.error("Unhandled error on {} {}", in.method(), template, e);
            return new Outcome(template, CareErrors.detail(500, "server_error").response(), false);
        }
    }

    private Outcome write(Incoming in, RouteTable.Lookup lookup, User user, JsonNode body) {
        String key = in.idempotencyKey() == null || in.idempotencyKey().isBlank() ? null : in.idempotencyKey().trim();
        String template = lookup.template();
        return store.write(tx -> {
            if (key != null && in.honourIdempotencyKeys()) {
                Optional<CareResponse> first = ledger.firstAnswer(user.id(), key);
                if (first.isPresent()) {
                    stats.idempotentReplay();
                    return new Outcome(template, first.get().withHeader("Idempotent-Replayed", "true"), false);
                }
            }
            CareResponse response = invoke(lookup.route(),
                    call(in.method(), in.path(), lookup, in.query(), body, user, tx));
            if (!response.isSuccess()) {
                tx.setRollbackOnly();
                return new Outcome(template, response, false);
            }
            stats.committed(tx.createdKinds(), tx.updatedKinds());
            if (key != null) {
                ledger.applied(user.id(), key, response, in.honourIdempotencyKeys());
            }
            log.debug("Applied {} {} -> {}", in.method(), template, response.status());
            return new Outcome(template, response, true);
        });
    }

    private static CareResponse invoke(Route route, CareCall call) {
        try {
            return route.endpoint().handle(call);
        } catch (CareException e) {
            return e.response();
        }
    }

    private CareCall call(String method, String path, RouteTable.Lookup lookup, Map<String, List<String>> query,
                          JsonNode body, User user, Transaction tx) {
        SubRequests nested = tx == null ? null : (m, url, b) -> runNested(m, url, b, user, tx);
        return new CareCall(method, path, lookup.variables(), query, body, user, tx, nested);
    }

    /**
     * A batch sub-request: same user, same transaction, its own savepoint (as CARE runs each one in
     * a nested atomic block), so a failed one leaves nothing behind even before the batch decides.
     */
    private CareResponse runNested(String method, String url, JsonNode body, User user, Transaction tx) {
        String upperMethod = method.toUpperCase(Locale.ROOT);
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return CareErrors.detail(404, "Route not found").response();
        }
        // CARE resolves a sub-request by its decoded path (Django's path_info): "..%2F" is "../" there, and no route
        String path = uri.getPath() == null ? "" : uri.getPath();
        RouteTable.Lookup lookup = routes.lookup(upperMethod, path);
        if (lookup.route() == null) {
            return CareErrors.detail(404, "Route not found").response();
        }
        if (lookup.methodMismatch()) {
            return CareErrors.methodNotAllowed(upperMethod).response();
        }
        Transaction.Savepoint savepoint = tx.savepoint();
        CareResponse response = invoke(lookup.route(),
                call(upperMethod, path, lookup, parseQuery(uri.getRawQuery()), body, user, tx));
        if (!response.isSuccess()) {
            tx.rollbackTo(savepoint);
        }
        return response;
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /** No body is an empty object; malformed JSON is a 400 in CARE's errors shape. */
    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = jsonReader.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JacksonException e) {
            throw malformed(e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed(e.getMessage());
        }
    }

    private static CareException malformed(String reason) {
        ObjectNode error = Json.object();
        error.put("type", "json_invalid");
        error.set("loc", Json.array());
        error.put("msg", "JSON parse error - " + reason);
        return CareErrors.errors(400, error);
    }
}

package network.ohc.caresync.application.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import network.ohc.caresync.application.auth.CareTokenVault;
import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteKind;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.application.view.WriteViewStore;
import network.ohc.caresync.domain.conflict.ThreeWayMerge;
import network.ohc.caresync.domain.write.AbortAttempt;
import network.ohc.caresync.domain.write.Actor;
import network.ohc.caresync.domain.write.AttemptRequest;
import network.ohc.caresync.domain.write.BeginSyncAttempt;
import network.ohc.caresync.domain.write.ConflictSource;
import network.ohc.caresync.domain.write.RecordAuthRejected;
import network.ohc.caresync.domain.write.RecordConflict;
import network.ohc.caresync.domain.write.RecordOutcomeInDoubt;
import network.ohc.caresync.domain.write.RecordSyncFailure;
import network.ohc.caresync.domain.write.RecordSyncSuccess;
import network.ohc.caresync.domain.write.RequireSignIn;
import network.ohc.caresync.domain.write.Resolution;
import network.ohc.caresync.domain.write.ResolveConflict;
import network.ohc.caresync.domain.write.UpstreamExchange;
import network.ohc.caresync.domain.write.UpstreamFailure;
import network.ohc.caresync.domain.write.WriteRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One attempt of one write: claim it, check for a conflict when the write names a query route and the version
 * the device saw, send it as its user, and record what CARE answered, classified as DESIGN.md §3 says.
 */
public final class SyncAttempt {

    private static final Logger log = LoggerFactory.getLogger(SyncAttempt.class);
    /** About 15 s of trying to store an outcome (100 ms doubling to 4 s between tries). */
    private static final int RECORD_TRIES = 8;

    private final RouteTable routes;
    private final Upstream upstream;
    private final CareTokenVault vault;
    private final CommandGateway commands;
    private final WriteViewStore views;
    private final ConnectivityMonitor connectivity;
    private final SyncSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final BaseVersions baseVersions;

    public SyncAttempt(RouteTable routes, Upstream upstream, CareTokenVault vault, CommandGateway commands,
                       WriteViewStore views, ConnectivityMonitor connectivity, SyncSettings settings, Clock clock,
                       MeterRegistry meters, BaseVersions baseVersions) {
        this.routes = routes;
        this.upstream = upstream;
        this.vault = vault;
        this.commands = commands;
        this.views = views;
        this.connectivity = connectivity;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.baseVersions = baseVersions;
    }

    /** A request built from a write, or why it cannot be built. */
    record Prepared(UpstreamRequest request, AttemptRequest summary, String problem) {
    }

    /**
     * Attempts the write; false when no attempt was started (the write had moved on since the view was read, or
     * its owner must sign in again).
     */
    public boolean run(WriteView write) {
        Route route = routes.find(write.syncRouteKey()).orElse(null);
        Optional<String> token = vault.accessTokenFor(write.userId());
        if (token.isEmpty()) {
            quietly(new RequireSignIn(write.writeId(), clock.instant()));
            return false;
        }
        Prepared prepared = prepare(route, write);
        Integer attempt = begin(write, prepared.summary());
        if (attempt == null) {
            return false;
        }
        if (prepared.problem() != null) {
            recordFailure(write, attempt, Failures.unroutable(prepared.problem()), null);
            return true;
        }
        UpstreamCall call = new UpstreamCall(upstream, vault, write.userId(), token.get());
        if (write.queryRouteKey() != null && write.serverTimestamp() != null
                && !noConflict(write, route, attempt, call)) {
            return true;
        }
        UpstreamResult result = timed(route, prepared.request(), () -> call.send(prepared.request()));
        record(write, route, attempt, call, prepared.request(), result);
        return true;
    }

    static Prepared prepare(Route route, WriteView write) {
        if (route == null) {
            return new Prepared(null, new AttemptRequest(null, null, null),
                    "route '" + write.syncRouteKey() + "' is no longer in the route table");
        }
        String path;
        try {
            path = route.path().fill(write.pathParams() == null ? Map.of() : write.pathParams(), true);
        } catch (IllegalArgumentException e) {
            return new Prepared(null, new AttemptRequest(route.method(), route.path().template(), null),
                    e.getMessage());
        }
        byte[] body = Json.bytes(write.payload());
        AttemptRequest summary = new AttemptRequest(route.method(), path, Json.sha256Hex(body), write.writeId());
        return new Prepared(new UpstreamRequest(route.method(), path, Map.of(), body, null, write.writeId()), summary,
                null);
    }

    private Integer begin(WriteView write, AttemptRequest summary) {
        try {
            return commands.sendAndWait(new BeginSyncAttempt(write.writeId(), write.revision(), settings.nodeId(),
                    summary, clock.instant()));
        } catch (WriteRuleViolation | ConcurrencyException notNow) {
            log.debug("write {} not attempted: {}", write.writeId(), notNow.getMessage());
            return null;
        }
    }

    /** GETs the record and compares its modified_date with the one the write expects; false when that ended it. */
    private boolean noConflict(WriteView write, Route route, int attempt, UpstreamCall call) {
        Route query = routes.find(write.queryRouteKey()).orElse(null);
        Map<String, Object> params = write.queryParams() != null ? write.queryParams() : write.pathParams();
        String path;
        try {
            path = query.path().fill(params == null ? Map.of() : params, true);
        } catch (IllegalArgumentException | NullPointerException e) {
            recordFailure(write, attempt, Failures.unroutable("conflict check: " + e.getMessage()), null);
            return false;
        }
        UpstreamRequest get = new UpstreamRequest("GET", path, Map.of(), null, null, null);
        UpstreamResult result = timed(query, get, () -> call.send(get));
        if (result instanceof UpstreamResult.Answered answered) {
            if (answered.isSuccess()) {
                Map<String, Object> current = answered.jsonObject();
                String currentDate = Json.textField(current, "modified_date");
                String expected = ExpectedVersion.of(write,
                        views.syncedToRecord(write.userId(), write.recordKey()));
                if (currentDate != null && !Timestamps.same(currentDate, expected)) {
                    conflict(write, route, attempt, ConflictSource.MODIFIED_DATE_CHANGED, current, currentDate,
                            expected, Exchanges.of(get, result), null);
                    return false;
                }
                return true;
            }
            if (answered.isTokenNotValid()) {
                count(route, "auth_required");
                quietly(new RecordAuthRejected(write.writeId(), attempt, clock.instant()));
                return false;
            }
            recordFailure(write, attempt, Failures.of(answered), Exchanges.withBody(get, result));
            return false;
        }
        if (result instanceof UpstreamResult.NotSent notSent) {
            abort(write, route, attempt, notSent.reason());
            return false;
        }
        recordFailure(write, attempt, Failures.network("conflict check: " + ((UpstreamResult.Lost) result).reason()),
                Exchanges.of(get, result));
        return false;
    }

    private void record(WriteView write, Route route, int attempt, UpstreamCall call, UpstreamRequest request,
                        UpstreamResult result) {
        if (result instanceof UpstreamResult.Answered answered) {
            if (answered.isSuccess()) {
                Object body = answered.json();
                Map<String, Object> object = Json.asObject(body);
                String realId = realIdOf(route, write, object);
                String modified = Json.textField(object, "modified_date");
                count(route, "synced");
                quietly(new RecordSyncSuccess(write.writeId(), attempt, answered.status(), body, modified, realId,
                        clock.instant()));
            } else if (answered.status() == 409) {
                CurrentRecord current = currentRecord(write, call);
                Map<String, Object> server = current.record() != null ? current.record() : answered.jsonObject();
                String modified = Json.textField(server, "modified_date");
                conflict(write, route, attempt, ConflictSource.HTTP_409, server, modified, write.serverTimestamp(),
                        current.check(), Exchanges.withBody(request, result));
            } else if (answered.isTokenNotValid()) {
                count(route, "auth_required");
                quietly(new RecordAuthRejected(write.writeId(), attempt, clock.instant()));
            } else {
                recordFailure(write, attempt, Failures.of(answered), Exchanges.withBody(request, result));
            }
        } else if (result instanceof UpstreamResult.NotSent notSent) {
            abort(write, route, attempt, notSent.reason());
        } else if (result instanceof UpstreamResult.Lost lost) {
            count(route, "in_doubt");
            log.warn("write {} ({}): answer lost, outcome in doubt", write.writeId(), write.syncRouteKey());
            quietly(new RecordOutcomeInDoubt(write.writeId(), attempt, lost.reason(), clock.instant()));
        }
    }

    /** The record as CARE holds it now (null when it could not be read), and the read that asked for it. */
    private record CurrentRecord(Map<String, Object> record, UpstreamExchange check) {
    }

    private CurrentRecord currentRecord(WriteView write, UpstreamCall call) {
        Route query = write.queryRouteKey() == null ? null : routes.find(write.queryRouteKey()).orElse(null);
        if (query == null) {
            return new CurrentRecord(null, null);
        }
        String path;
        try {
            Map<String, Object> params = write.queryParams() != null ? write.queryParams() : write.pathParams();
            path = query.path().fill(params == null ? Map.of() : params, true);
        } catch (IllegalArgumentException e) {
            return new CurrentRecord(null, null);
        }
        UpstreamRequest get = new UpstreamRequest("GET", path, Map.of(), null, null, null);
        UpstreamResult r = call.send(get);
        return new CurrentRecord(r instanceof UpstreamResult.Answered a && a.isSuccess() ? a.jsonObject() : null,
                Exchanges.of(get, r));
    }

    /** Records a conflict, then merges by itself when the base version is known and no field changed on both sides. */
    private void conflict(WriteView write, Route route, int attempt, ConflictSource source,
                          Map<String, Object> server, String serverModified, String expected, UpstreamExchange check,
                          UpstreamExchange answer) {
        count(route, "conflict");
        if (!quietly(new RecordConflict(write.writeId(), attempt, source, server, serverModified, expected,
                clock.instant(), check, answer))) {
            return;
        }
        if (server == null || route == null || route.kind() != RouteKind.UPDATE) {
            return;
        }
        Optional<Map<String, Object>> base = baseVersions.baseOf(write);
        if (base.isEmpty()) {
            return;
        }
        ThreeWayMerge.Outcome merge = ThreeWayMerge.merge(base.get(), write.payload(), server, route.alwaysManual());
        if (merge.clean()) {
            List<String> fields = new ArrayList<>(merge.changedByDevice());
            fields.addAll(merge.changedUpstream());
            quietly(new ResolveConflict(write.writeId(), Actor.ENGINE, Resolution.AUTO_MERGED,
                    merge.mergedPayload(), "fields changed on one side only", fields, clock.instant()));
        }
    }

    private void abort(WriteView write, Route route, int attempt, String reason) {
        count(route, "unreachable");
        connectivity.reportUnreachable();
        quietly(new AbortAttempt(write.writeId(), attempt, reason, clock.instant()));
    }

    /** {@code exchange}: the request that failed and CARE's answer; null when nothing was sent. */
    private void recordFailure(WriteView write, int attempt, UpstreamFailure failure, UpstreamExchange exchange) {
        count(routes.find(write.syncRouteKey()).orElse(null), "failed");
        log.info("write {} ({}) failed: {} {}", write.writeId(), write.syncRouteKey(), failure.kind().wireName(),
                failure.httpStatus() == null ? "" : failure.httpStatus());
        quietly(new RecordSyncFailure(write.writeId(), attempt, failure, clock.instant(), exchange));
    }

    private static String realIdOf(Route route, WriteView write, Map<String, Object> body) {
        if (body != null && body.get("id") instanceof String id) {
            return id;
        }
        if (route != null && route.kind() != RouteKind.CREATE && write.pathParams() != null
                && !route.path().parameters().isEmpty()) {
            Object id = write.pathParams().get(route.path().parameters().get(0));
            return id == null ? null : id.toString();
        }
        return null;
    }

    /**
     * Sends an outcome, trying again for a few seconds when it cannot be stored (the database restarting, another
     * command on the write at the same moment): CARE's answer is known here, and once lost the write is in doubt,
     * which only a lookup or a person can settle. A failure after that leaves the write in flight, which the engine
     * later settles as in doubt. Outcome commands are idempotent: the aggregate takes only the current attempt's.
     */
    private boolean quietly(Object command) {
        long pause = 100;
        for (int tries = 1; ; tries++) {
            try {
                commands.sendAndWait(command);
                return true;
            } catch (WriteRuleViolation refused) {
                log.warn("could not record {}: {}", command.getClass().getSimpleName(), refused.getMessage());
                return false;
            } catch (RuntimeException e) {
                if (tries >= RECORD_TRIES) {
                    log.warn("could not record {}: {}", command.getClass().getSimpleName(), e.toString());
                    return false;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                pause = Math.min(pause * 2, 4_000);
            }
        }
    }

    private UpstreamResult timed(Route route, UpstreamRequest request, Supplier<UpstreamResult> call) {
        Timer.Sample sample = Timer.start(meters);
        UpstreamResult result = call.get();
        String status = result instanceof UpstreamResult.Answered a ? String.valueOf(a.status())
                : result instanceof UpstreamResult.NotSent ? "not_sent" : "lost";
        sample.stop(Timer.builder("care_sync_upstream_request")
                .description("Upstream (CARE) request latency")
                .tag("route", route == null ? "unknown" : route.key())
                .tag("method", request.method())
                .tag("status", status)
                .publishPercentileHistogram()
                .register(meters));
        return result;
    }

    private void count(Route route, String outcome) {
        Counter.builder("care_sync_sync_attempts").description("Sync attempts by route and outcome")
                .tag("route", route == null ? "unknown" : route.key()).tag("outcome", outcome)
                .register(meters).increment();
    }
}

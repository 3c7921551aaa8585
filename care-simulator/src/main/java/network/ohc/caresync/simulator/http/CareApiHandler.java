package network.ohc.caresync.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import network.ohc.caresync.simulator.fault.ConnectionAborter;
import network.ohc.caresync.simulator.fault.FaultSettings;
import network.ohc.caresync.simulator.fault.FaultSwitchboard;
import network.ohc.caresync.simulator.inspection.RequestLog;
import network.ohc.caresync.simulator.stats.SimulatorStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The web entry of every {@code /api/...} request: reads the body, applies the fault settings
 * (latency, offline, resets, injected errors, answers dropped after apply), hands the request to the
 * {@link CareDispatcher} and writes its answer.
 */
@Component
public class CareApiHandler implements HandlerFunction<ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(CareApiHandler.class);
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final byte[] NO_BODY = new byte[0];

    private final CareDispatcher dispatcher;
    private final FaultSwitchboard faults;
    private final SimulatorStats stats;
    private final ObjectMapper mapper;
    private final RequestLog received;

    public CareApiHandler(CareDispatcher dispatcher, FaultSwitchboard faults, SimulatorStats stats,
                          ObjectMapper mapper, RequestLog received) {
        this.dispatcher = dispatcher;
        this.faults = faults;
        this.stats = stats;
        this.mapper = mapper;
        this.received = received;
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        FaultSettings settings = faults.current();
        String route = dispatcher.routeOf(request.method().name(), request.path());
        boolean targeted = settings.targets(request.method().name(), route, request.path());
        long delayMs = !targeted ? 0 : settings.latencyMs()
                + (FaultSwitchboard.roll(settings.latencySpikeRate()) ? settings.latencySpikeMs() : 0);
        Mono<byte[]> body = DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_BODY_BYTES)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(NO_BODY);
        if (delayMs > 0) {
            // Non-blocking: hundreds of slow requests cost no threads.
            body = body.delayElement(Duration.ofMillis(delayMs));
        }
        return body.flatMap(bytes -> answer(request, settings, targeted, bytes))
                .onErrorResume(DataBufferLimitException.class, e -> render(
                        CareErrors.detail(413, "Request body too large").response()));
    }

    private Mono<ServerResponse> answer(ServerRequest request, FaultSettings settings, boolean targeted, byte[] body) {
        String method = request.method().name();
        String path = request.path();
        received.received(method, path, request.uri().getRawQuery(), request.headers().asHttpHeaders(), body);
        if (settings.offline()) {
            return noAnswer(request, method, dispatcher.routeOf(method, path), stats::offlineReset);
        }
        if (targeted && FaultSwitchboard.roll(settings.resetRate())) {
            return noAnswer(request, method, dispatcher.routeOf(method, path), stats::reset);
        }
        if (targeted && FaultSwitchboard.roll(settings.errorRate())) {
            stats.injectedError();
            stats.request(method, dispatcher.routeOf(method, path), settings.errorStatus());
            return render(injectedError(settings.errorStatus()));
        }
        CareDispatcher.Incoming incoming = new CareDispatcher.Incoming(method, path, request.queryParams(), body,
                request.headers().firstHeader("Authorization"), request.headers().firstHeader("Idempotency-Key"),
                settings.idempotencyKeys());
        // The store takes locks; keep that off the event loop.
        return Mono.fromCallable(() -> dispatcher.handle(incoming))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(outcome -> {
                    if (targeted && outcome.applied() && FaultSwitchboard.roll(settings.dropAfterApplyRate())
                            && ConnectionAborter.abort(request.exchange())) {
                        stats.droppedAfterApply();
                        stats.request(method, outcome.route(), SimulatorStats.NO_RESPONSE);
                        log.info("Dropped the answer of an applied {} {}", method, outcome.route());
                        return Mono.<ServerResponse>empty();
                    }
                    stats.request(method, outcome.route(), outcome.response().status());
                    return render(outcome.response());
                });
    }

    private Mono<ServerResponse> noAnswer(ServerRequest request, String method, String route, Runnable counter) {
        if (!ConnectionAborter.abort(request.exchange())) {
            stats.request(method, route, 503);
            return render(injectedError(503));
        }
        counter.run();
        stats.request(method, route, SimulatorStats.NO_RESPONSE);
        return Mono.empty();
    }

    private static CareResponse injectedError(int status) {
        CareResponse response = CareErrors.detail(status, HttpStatus.valueOf(status).getReasonPhrase()).response();
        return status == 429 || status == 503 ? response.withHeader("Retry-After", "1") : response;
    }

    private Mono<ServerResponse> render(CareResponse response) {
        byte[] bytes;
        try {
            bytes = response.body() == null ? NO_BODY : mapper.writeValueAsBytes(response.body());
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        return ServerResponse.status(response.status())
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> response.headers().forEach(headers::set))
                .bodyValue(bytes);
    }
}

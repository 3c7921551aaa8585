package network.ohc.caresync.api.web;

import network.ohc.caresync.application.cache.CacheReadRefused;
import network.ohc.caresync.application.cache.CachedRead;
import network.ohc.caresync.application.cache.QueryCache;
import network.ohc.caresync.application.write.FieldError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The query cache (DESIGN.md §4): {@code GET /api/v1/cache/{routeKey}?<params>} answers with CARE's body, fresh
 * from CARE or, while CARE cannot be reached, the caller's stored copy, with the caller's pending writes laid over.
 * {@code X-Care-Sync-Source} says which ({@code upstream}, {@code cache}, {@code local}); a stored copy carries
 * {@code Age} (seconds) and {@code X-Care-Sync-Fetched-At}.
 */
@RestController
@RequestMapping("/api/v1/cache")
public class CacheController {

    static final String SOURCE = "X-Care-Sync-Source";
    static final String FETCHED_AT = "X-Care-Sync-Fetched-At";

    private final QueryCache cache;

    public CacheController(QueryCache cache) {
        this.cache = cache;
    }

    @GetMapping("/{routeKey}")
    public ResponseEntity<byte[]> read(@PathVariable String routeKey,
                                       @RequestParam MultiValueMap<String, String> params) {
        CachedRead read = cache.read(Callers.current(), routeKey, params);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(SOURCE, read.source().wireName());
        if (read.fetchedAt() != null) {
            headers.set(HttpHeaders.AGE, Long.toString(Math.max(0, read.age().toSeconds())));
            headers.set(FETCHED_AT, read.fetchedAt().toString());
        }
        return ResponseEntity.status(read.status()).headers(headers).body(read.body() == null ? new byte[0]
                : read.body());
    }

    @ExceptionHandler(CacheReadRefused.class)
    ProblemDetail refused(CacheReadRefused e) {
        ProblemDetail problem = switch (e.reason()) {
            case UNKNOWN_ROUTE -> Problems.of(HttpStatus.NOT_FOUND, "unknown-route", "Not Found", e.getMessage());
            case INVALID_PARAMETER -> Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Bad Request",
                    e.getMessage());
            case NOT_AVAILABLE_OFFLINE -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "not-available-offline",
                    "Service Unavailable", e.getMessage());
            case SIGN_IN_REQUIRED -> Problems.of(HttpStatus.FORBIDDEN, "care-sign-in-required", "Forbidden",
                    e.getMessage());
            case NOT_FOUND -> Problems.of(HttpStatus.NOT_FOUND, "record-not-found", "Not Found", e.getMessage());
        };
        return e.field() == null ? problem
                : Problems.withErrors(problem, List.of(new FieldError(e.field(), e.getMessage())));
    }
}

package network.ohc.caresync.api.web;

import network.ohc.caresync.application.auth.SignInFailed;
import network.ohc.caresync.application.write.FieldError;
import network.ohc.caresync.application.write.HandOverRejected;
import network.ohc.caresync.application.write.WriteNotFound;
import network.ohc.caresync.domain.write.WriteRuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Every error as an RFC 9457 problem detail. Problems a caller can fix are 4xx and name the field; a database that
 * is down is 503 (try again); anything else is a bug, logged with the request id (never with the payload).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    static HttpStatus statusOf(HandOverRejected rejection) {
        return switch (rejection.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case ID_IN_USE -> HttpStatus.CONFLICT;
        };
    }

    @ExceptionHandler(HandOverRejected.class)
    ProblemDetail rejected(HandOverRejected rejection) {
        HttpStatus status = statusOf(rejection);
        String type = switch (rejection.reason()) {
            case INVALID -> "invalid-request";
            case FORBIDDEN -> "not-your-write";
            case TOO_LARGE -> "too-large";
            case ID_IN_USE -> "write-id-in-use";
        };
        String detail = rejection.reason() == HandOverRejected.Reason.INVALID
                ? describe(rejection.errors()) : rejection.getMessage();
        return Problems.withErrors(Problems.of(status, type, status.getReasonPhrase(), detail), rejection.errors());
    }

    @ExceptionHandler(WriteNotFound.class)
    ProblemDetail notFound(WriteNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "write-not-found", "Not Found", e.getMessage());
    }

    @ExceptionHandler(WriteRuleViolation.class)
    ProblemDetail violation(WriteRuleViolation e) {
        return switch (e.code()) {
            case "not_owner" -> Problems.of(HttpStatus.NOT_FOUND, "write-not-found", "Not Found",
                    "no write " + e.writeId() + " among your writes");
            case "merged_payload_missing", "invalid_repoint", "self_parent", "resolution_not_allowed" ->
                    Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Bad Request", e.getMessage());
            case "write_id_in_use" -> Problems.of(HttpStatus.CONFLICT, "write-id-in-use", "Conflict", e.getMessage());
            default -> Problems.of(HttpStatus.CONFLICT, "not-allowed-now", "Conflict", e.getMessage());
        };
    }

    @ExceptionHandler(SignInFailed.class)
    ProblemDetail signIn(SignInFailed e) {
        return switch (e.reason()) {
            case BAD_CREDENTIALS -> Problems.of(HttpStatus.UNAUTHORIZED, "bad-credentials", "Unauthorized",
                    e.getMessage());
            case NEEDS_CARE_ONCE -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "sign-in-needs-care-once",
                    "Service Unavailable", e.getMessage());
            case LOCKED -> Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too Many Requests",
                    e.getMessage());
            case UPSTREAM_ERROR -> Problems.of(HttpStatus.BAD_GATEWAY, "upstream-error", "Bad Gateway",
                    e.getMessage());
        };
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class})
    ProblemDetail databaseDown(Exception e) {
        log.warn("database unavailable: {}", e.getClass().getSimpleName());
        return databaseDownProblem();
    }

    static ProblemDetail databaseDownProblem() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Service Unavailable",
                "care-sync cannot reach its database right now; nothing was stored. Try again shortly.");
    }

    /**
     * A query's failure arrives wrapped. Rethrowing the cause from here would not reach the other handlers (Spring
     * does not handle an exception thrown by a handler): it escaped as a bare 500, e.g. while the database was down.
     */
    @ExceptionHandler(CompletionException.class)
    ProblemDetail completion(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof HandOverRejected rejection) {
            return rejected(rejection);
        }
        if (cause instanceof WriteNotFound notFound) {
            return notFound(notFound);
        }
        if (cause instanceof WriteRuleViolation violation) {
            return violation(violation);
        }
        if (cause instanceof SignInFailed failed) {
            return signIn(failed);
        }
        return unexpected(cause instanceof Exception exception ? exception : e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Bad Request",
                        "parameter '" + e.getName() + "' has the wrong type"),
                List.of(new FieldError(e.getName(), "has the wrong type")));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        // anywhere in the chain: a lost connection shows as Hikari's "Connection is closed" wrapped by Axon, or as
        // an I/O error below the driver's exception (found by the reliability suite's database outage)
        if (DatabaseTrouble.isDatabaseDown(e)) {
            return databaseDown(e);
        }
        log.error("unexpected error answering a request ({}): {}", e.getClass().getSimpleName(), e.getMessage(), e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal Server Error",
                "care-sync failed unexpectedly; the request id in X-Request-Id finds it in the log");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimitFilter.TooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE,
                        "too-large", "Content Too Large", tooLarge.getMessage()));
            }
        }
        String detail = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "the request needs a JSON body" : "the body is not valid JSON (or nests too deeply)";
        return ResponseEntity.badRequest().body(Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST,
                "malformed-json", "Bad Request", detail), List.of(new FieldError("", detail))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST,
                        "invalid-request", "Bad Request", "parameter '" + e.getParameterName() + "' is required"),
                List.of(new FieldError(e.getParameterName(), "required"))));
    }

    private static String describe(List<FieldError> errors) {
        if (errors.size() == 1) {
            FieldError only = errors.get(0);
            return (only.field().isEmpty() ? "" : only.field() + ": ") + only.message();
        }
        return errors.size() + " fields need fixing; see errors";
    }
}

package network.ohc.caresync.domain.write;

import java.util.List;
import java.util.Map;

/**
 * Why an attempt failed: the classified kind, the HTTP status when there was one, a short message and
 * CARE's own error list (kept as CARE sent it, so a nurse sees CARE's words).
 */
public record UpstreamFailure(FailureKind kind, Integer httpStatus, String message, List<Map<String, Object>> errors) {

    public UpstreamFailure {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
